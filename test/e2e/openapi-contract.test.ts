import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BulkRetryPlan, SilenceAnswer } from '../../src/operator/api/api-schemas.js';
import { openApiDocument } from '../../src/operator/api/openapi.js';
import type { RunningReceiver } from '../../src/main/start-receiver.js';
import { startReceiverAlone } from '../support/pipeline.js';
import { servedRoutes } from '../support/served-routes.js';
import { testSetup } from '../support/test-env.js';

const setup = testSetup();
let receiver: RunningReceiver;

before(async () => {
  receiver = await startReceiverAlone(setup);
});
after(async () => {
  await receiver?.close();
});

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
type PathItem = Record<string, unknown> & { servers?: unknown[] };
const paths = (openApiDocument() as { paths: Record<string, PathItem> }).paths;
const documented = (only: (item: PathItem) => boolean) =>
  Object.entries(paths)
    .filter(([, item]) => only(item))
    .flatMap(([path, item]) =>
      methods.filter((method) => method in item).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();

// Served but not the API: the support page is HTML for people, and the codec's OPTIONS is the browser's CORS
// preflight before the Web UI's POST.
const notTheApi = (route: string) => / \/support\//.test(route) || route === 'OPTIONS /codec/{direction}';

describe('the OpenAPI document against the routes served', () => {
  it('when /openapi.json is fetched from the operator listener, then it is the document the code builds', async () => {
    const response = await fetch(`${receiver.operatorUrl}/openapi.json`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('when the routes both listeners serve are read, then the document describes each one, and nothing more', () => {
    const served = [...new Set([...servedRoutes(receiver.apps.receiver), ...servedRoutes(receiver.apps.operator)])];
    assert.ok(served.length >= 15, `only ${served.length} routes read: the router walk no longer matches Express`);
    assert.deepEqual(
      served.filter((route) => !notTheApi(route)).sort(),
      documented(() => true),
    );
  });

  it('when a path is not served by the operator listener, then the document names the server that does serve it', () => {
    const operatorServes = new Set(servedRoutes(receiver.apps.operator));
    const elsewhere = documented(() => true).filter((route) => !operatorServes.has(route));
    assert.deepEqual(
      elsewhere,
      documented((item) => item.servers !== undefined),
    );
    assert.deepEqual(elsewhere, ['POST /carsys/v1/pushes']);
  });

  it("when the silence report and a bulk retry's dry run are asked for, then they have the shape the document gives them", async () => {
    const token = setup.config.operatorTokens.find((entry) => entry.name === 'operator')?.token ?? '';
    const ask = (path: string, init: RequestInit = {}) =>
      fetch(`${receiver.operatorUrl}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      }).then((response) => response.json());
    const silence = SilenceAnswer.parse(await ask('/api/v1/garages/silence'));
    assert.ok(silence.garages.some((garage) => garage.garageId === setup.garage.id));
    const plan = BulkRetryPlan.parse(
      await ask('/api/v1/imports/retry', { method: 'POST', body: JSON.stringify({ garageId: setup.garage.id }) }),
    );
    assert.equal(plan.total, 0);
  });
});
