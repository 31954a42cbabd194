// The on-call CLI: the import log over the import API (`npm run imports` on a developer's machine).
import { parseArgs } from 'node:util';
import { importApiClient } from '../operator/cli/api-client.js';
import { commands, type CommandResult, type Filters } from '../operator/cli/commands.js';
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

async function run(): Promise<CommandResult> {
  const [command, ...args] = positionals;
  if (values.help || command === undefined)
    return { output: usage, exitCode: command === undefined && !values.help ? 2 : 0 };
  if (status !== undefined && !isImportStatus(status))
    return { output: `error: --status is one of ${importStatuses.join(', ')}`, exitCode: 2 };
  const token = process.env['OPERATOR_TOKEN'];
  if (token === undefined) return { output: 'error: set OPERATOR_TOKEN to an operator token', exitCode: 2 };
  const cli = commands(importApiClient(process.env['IMPORTS_API_URL'] ?? 'http://127.0.0.1:3001', token));
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
