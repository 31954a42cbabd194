// The on-call CLI: the import log over the import API (`npm run imports` on a developer's machine).
import { parseArgs } from 'node:util';
import { importApiClient } from '../operator/cli/api-client.js';
import { commands, type CommandResult, type Filters } from '../operator/cli/commands.js';
import { garageCommands } from '../operator/cli/garage-commands.js';
import { importStatuses, type ImportStatus } from '../domain/import-status.js';

const usage = `usage: npm run imports -- <command> [options]

  list [--status failed] [--garage-id G] [--wo-number WO] [--registration R] [--dms-number D] [--warning CODE]
       [--number WO, registration or DMS number] [--from ISO] [--to ISO] [--limit N]
  show <importId>
  retry <importId>
  retry --all [--dry-run] [filters as for list]     (failed imports only; --dry-run changes nothing)
  timeline <garageId> <dmsNumber>
  where <garageId> <WO number, registration or DMS number> [--from ISO] [--to ISO]
       (where is my work order? which case it is, with the evidence; --from/--to bound the refused requests)
  silence
  garages list
  garages show <garageId>                          (its secrets by id, never the secret, and its changes)
  garages add <garageId> [--keep-importing-after-work-started]   (prints the first secret, once)
  garages new-secret <garageId> [--grace-hours H]  (prints the new secret once; the old one stays valid H hours,
                                                    default 24; 0 retires it at once)
  garages retire-secret <garageId> [--secret-id S] (retire the old secret early; without --secret-id the older one)
  garages disable <garageId>                       (its pushes are refused with 401, recorded as garage_disabled)
  garages enable <garageId>
  (changing garages needs a token with the "garages" scope)

  IMPORTS_API_URL (default http://127.0.0.1:3001) and OPERATOR_TOKEN say where and who you are; on a developer's
  machine npm run imports fills in the demo token npm start made.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    status: { type: 'string' },
    'garage-id': { type: 'string' },
    'wo-number': { type: 'string' },
    registration: { type: 'string' },
    'dms-number': { type: 'string' },
    number: { type: 'string' },
    warning: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    all: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'grace-hours': { type: 'string' },
    'secret-id': { type: 'string' },
    'keep-importing-after-work-started': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const isImportStatus = (text: string): text is ImportStatus => (importStatuses as readonly string[]).includes(text);

const textFilters: Omit<Filters, 'status'> = Object.fromEntries(
  Object.entries({
    garageId: values['garage-id'],
    woNumber: values['wo-number'],
    registration: values.registration,
    dmsNumber: values['dms-number'],
    number: values.number,
    warning: values.warning,
    from: values.from,
    to: values.to,
  }).filter(([, value]) => value !== undefined),
);
const { status } = values;
const filters: Filters = status !== undefined && isImportStatus(status) ? { ...textFilters, status } : textFilters;

const apiFor = (token: string) => importApiClient(process.env['IMPORTS_API_URL'] ?? 'http://127.0.0.1:3001', token);
const commandsFor = (token: string) => garageCommands(apiFor(token));

function garages(
  cli: ReturnType<typeof garageCommands>,
  args: readonly string[],
): Promise<CommandResult> | CommandResult {
  const [subcommand, garageId] = args;
  if (subcommand === 'list') return cli.list();
  if (garageId === undefined) return { output: usage, exitCode: 2 };
  const graceHours = values['grace-hours'];
  switch (subcommand) {
    case 'show':
      return cli.show(garageId);
    case 'add':
      return cli.add(garageId, values['keep-importing-after-work-started']);
    case 'new-secret':
      if (graceHours !== undefined && !/^\d+(\.\d+)?$/.test(graceHours))
        return {
          output: 'error: --grace-hours must be a number of hours (0 retires the old secret at once)',
          exitCode: 2,
        };
      return cli.newSecret(garageId, graceHours === undefined ? undefined : Number(graceHours));
    case 'retire-secret':
      return cli.retireSecret(garageId, values['secret-id']);
    case 'disable':
    case 'enable':
      return cli.setDisabled(garageId, subcommand === 'disable');
    default:
      return { output: `unknown garages command "${subcommand ?? ''}"\n\n${usage}`, exitCode: 2 };
  }
}

async function run(): Promise<CommandResult> {
  const [command, ...args] = positionals;
  if (values.help || command === undefined)
    return { output: usage, exitCode: command === undefined && !values.help ? 2 : 0 };
  if (status !== undefined && !isImportStatus(status))
    return { output: `error: --status is one of ${importStatuses.join(', ')}`, exitCode: 2 };
  const token = process.env['OPERATOR_TOKEN'];
  if (token === undefined) return { output: 'error: set OPERATOR_TOKEN to an operator token', exitCode: 2 };
  const cli = commands(apiFor(token));
  switch (command) {
    case 'list':
      return cli.list(filters, values.limit);
    case 'show':
      return args[0] === undefined ? { output: usage, exitCode: 2 } : cli.show(args[0]);
    case 'retry':
      if (values.all) return cli.retryAll(filters, values['dry-run']);
      return args[0] === undefined ? { output: usage, exitCode: 2 } : cli.retry(args[0]);
    case 'timeline':
      return args[0] === undefined || args[1] === undefined
        ? { output: usage, exitCode: 2 }
        : cli.timeline(args[0], args[1]);
    case 'where':
      return args[0] === undefined || args[1] === undefined
        ? { output: usage, exitCode: 2 }
        : cli.whereIs(args[0], args[1], {
            ...(values.from === undefined ? {} : { from: values.from }),
            ...(values.to === undefined ? {} : { to: values.to }),
          });
    case 'silence':
      return cli.silence();
    case 'garages':
      return garages(commandsFor(token), args);
    default:
      return { output: `unknown command "${command}"\n\n${usage}`, exitCode: 2 };
  }
}

const result = await run().catch((error: unknown) => ({
  output: `error: cannot reach the import API (${error instanceof Error ? error.message : String(error)})`,
  exitCode: 1,
}));
process.stdout.write(`${result.output}\n`);
process.exitCode = result.exitCode;
