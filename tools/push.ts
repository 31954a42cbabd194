// Sends a signed example push to a running receiver: `npm run push -- examples/pushes/valid-full.json`.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { signPush } from '../src/receiver/authenticate-push.js';
import { demoGarage } from './demo-garage.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env['RECEIVER_URL'] ?? 'http://127.0.0.1:3000' },
    garage: { type: 'string', default: process.env['CARSYS_GARAGE_ID'] ?? demoGarage.id },
    secret: { type: 'string', default: process.env['CARSYS_GARAGE_SECRET'] ?? demoGarage.secrets[0] ?? '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  console.log('usage: npm run push -- <file.json>... [--url http://127.0.0.1:3000] [--garage id] [--secret s]');
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}

for (const file of positionals) {
  const body = await readFile(file);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${values.url}/carsys/v1/pushes`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Carsys-Garage-Id': values.garage,
      'X-Carsys-Timestamp': timestamp,
      'X-Carsys-Signature': signPush(values.secret, timestamp, body),
    },
    body,
  });
  console.log(`${file}: ${response.status} ${await response.text()}`);
}
