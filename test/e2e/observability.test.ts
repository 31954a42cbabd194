import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFixture } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

async function metricsText(): Promise<string> {
  const response = await fetch(`${pipeline.receiver.operatorUrl}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
  return response.text();
}

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics', () => {
  it('when pushes are accepted, refused and imported, then /metrics counts them by answer, garage and outcome', async () => {
    const garage = pipeline.garage.id;
    const answer = await sendPush(pipeline.receiver.url, readFixture('valid-full'), { garage: pipeline.garage });
    await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    await sendPush(pipeline.receiver.url, readFixture('valid-full'), { garage: pipeline.garage });
    await sendPush(pipeline.receiver.url, readFixture('valid-full'), {
      garage: pipeline.garage,
      garageId: 'forged-garage-id',
    });

    const text = await metricsText();
    assert.equal(sample(text, 'carsys_pushes_total', { status: '202', answer: 'accepted', garage }), 1);
    assert.equal(sample(text, 'carsys_pushes_total', { status: '200', answer: 'duplicate', garage }), 1);
    assert.equal(sample(text, 'carsys_pushes_total', { answer: 'unknown_garage', garage: 'unknown' }), 1);
    assert.equal(text.includes('forged-garage-id'), false, 'unknown garage ids never become labels');
    assert.equal(
      sample(text, 'carsys_push_accept_seconds_count', {}) ??
        Number(/carsys_push_accept_seconds_count (\d+)/.exec(text)?.[1]),
      3,
    );
    assert.equal(sample(text, 'carsys_imports_total', { outcome: 'imported' }), 1);
    assert.match(text, /carsys_import_duration_seconds_bucket\{le="[^"]+",outcome="imported"\}/);
    assert.ok(sample(text, 'carsys_garage_silent', { garage }) !== undefined, 'the silence gauge is there per garage');
  });
});

describe('OpenAPI', () => {
  it('when /openapi.json is asked for, then it documents the push endpoint and the import API from the zod schemas', async () => {
    const response = await fetch(`${pipeline.receiver.operatorUrl}/openapi.json`);
    assert.equal(response.status, 200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: {
        schemas: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }>;
      };
    };
    assert.equal(document.openapi, '3.1.0');
    for (const path of [
      '/carsys/v1/pushes',
      '/api/v1/imports',
      '/api/v1/imports/{importId}/retry',
      '/api/v1/imports/retry',
    ]) {
      assert.ok(document.paths[path], `${path} is documented`);
    }
    const push = document.components.schemas['CarsysPush'];
    assert.ok(
      push?.properties?.['appointment']?.properties?.['dmsNumber'],
      'the push schema comes from the contract schema',
    );
  });
});
