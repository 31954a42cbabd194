// The on-call CLI: the import log over the import API (`npm run imports` on a developer's machine).
import { parseArgs } from 'node:util';
import { importApiClient } from '../operator/cli/api-client.js';
import { commands, type CommandResult, type Filters } from '../operator/cli/commands.js';

const usage = `usage: npm run imports -- <command> [options]

  list [--status failed] [--garage-id G] [--wo-number WO] [--registration R] [--dms-number D] [--warning CODE]
       [--from ISO] [--to ISO] [--limit N]
  show <importId>
  retry <importId>
  retry --all [--dry-run] [filters as for list]     (failed imports only; --dry-run changes nothing)
  timeline <garageId> <dmsNumber>
  silence

  IMPORTS_API_URL (default http://127.0.0.1:3000) and OPERATOR_TOKEN say where and who you are; on a developer's
  machine npm run imports fills in the demo token npm start made.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    status: { type: 'string' },
    'garage-id': { type: 'string' },
    'wo-number': { type: 'string' },
    registration: { type: 'string' },
    'dms-number': { type: 'string' },
    warning: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    all: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const filters: Filters = Object.fromEntries(
  Object.entries({
    status: values.status,
    garageId: values['garage-id'],
    woNumber: values['wo-number'],
    registration: values.registration,
    dmsNumber: values['dms-number'],
    warning: values.warning,
    from: values.from,
    to: values.to,
  }).filter(([, value]) => value !== undefined),
);

async function run(): Promise<CommandResult> {
  const [command, ...args] = positionals;
  if (values.help || command === undefined)
    return { output: usage, exitCode: command === undefined && !values.help ? 2 : 0 };
  const token = process.env['OPERATOR_TOKEN'];
  if (token === undefined) return { output: 'error: set OPERATOR_TOKEN to an operator token', exitCode: 2 };
  const cli = commands(importApiClient(process.env['IMPORTS_API_URL'] ?? 'http://127.0.0.1:3000', token));
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
