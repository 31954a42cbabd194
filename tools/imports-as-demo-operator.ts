// `npm run imports -- <command>` on a developer's machine: the on-call CLI (src/main/imports-cli.ts), signed in with
// npm start's demo operator token unless OPERATOR_TOKEN names another.
import { existingDemoSecrets } from './demo-secrets.js';

process.env['OPERATOR_TOKEN'] ??= existingDemoSecrets()?.operatorToken;
await import('../src/main/imports-cli.js');
