import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

/** The published port entries of each service in docker-compose.yml, read line by line (no YAML dependency). */
async function publishedPortsByService(): Promise<Map<string, string[]>> {
  const text = await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
  const ports = new Map<string, string[]>();
  let service: string | undefined;
  let inPorts = false;
  let inServices = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inServices = line.startsWith('services:');
    if (!inServices) continue;
    const serviceMatch = /^ {2}([\w-]+):\s*$/.exec(line);
    if (serviceMatch) {
      service = serviceMatch[1];
      inPorts = false;
      continue;
    }
    if (/^ {4}\S/.test(line)) inPorts = /^ {4}ports:/.test(line);
    const entry = /^ {6}- '([^']+)'/.exec(line);
    if (inPorts && entry && service) ports.set(service, [...(ports.get(service) ?? []), entry[1]!]);
  }
  return ports;
}

test('when docker compose publishes the database, Temporal and the Web UI, then only on 127.0.0.1', async () => {
  const ports = await publishedPortsByService();
  for (const service of ['mongodb', 'temporal', 'temporal-ui']) {
    const entries = ports.get(service) ?? [];
    assert.ok(entries.length > 0, `${service} publishes a port`);
    for (const entry of entries) assert.match(entry, /^127\.0\.0\.1:\d+:\d+$/, `${service} publishes ${entry}`);
  }
});

test('when docker compose publishes the receiver, then the push port on every interface, the operator port on 127.0.0.1', async () => {
  const entries = (await publishedPortsByService()).get('receiver') ?? [];
  assert.deepEqual(entries, ['3000:3000', '127.0.0.1:3001:3001']);
});
