import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { openApiDocument } from '../../src/operator/api/openapi.js';
import { committedApiTypes, generatedApiTypes } from '../../tools/generate-api-types.js';

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, unknown> };
const document = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => methods.has(method))
    .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
);

describe('the OpenAPI document', () => {
  it('when Redocly lints it with its recommended rules, then it finds no error and no warning', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        // An internal API of a private package (package.json "private": true): no licence is granted, so none to name.
        'info-license': 'off',
        // The probes and /openapi.json answer anyone and never refuse with a 4xx; every operation behind an
        // operator token is held to documenting its 401 and 403 by the test below instead.
        'operation-4xx-response': 'off',
      },
    });
    const problems = await lintFromString({
      source: JSON.stringify(openApiDocument()),
      absoluteRef: '/openapi.json',
      config,
    });
    assert.deepEqual(
      problems.map(
        (problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`,
      ),
      [],
    );
  });

  it('when an operation needs an operator token, then it documents the 401 and 403 that refuse one', () => {
    const guarded = operations.filter(({ operation }) => JSON.stringify(operation.security).includes('operatorToken'));
    assert.ok(guarded.length >= 10, `only ${guarded.length} guarded operations found`);
    const missing = guarded.filter(({ operation }) => !('401' in operation.responses && '403' in operation.responses));
    assert.deepEqual(
      missing.map(({ name }) => name),
      [],
    );
  });

  it('when a client generator reads it, then every operation has its own id to name a function after', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    assert.equal(ids.filter((id) => id === undefined).length, 0);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('when the committed client types are compared with what the document generates now, then they are the same (else: npm run generate:api-types)', async () => {
    assert.equal(await committedApiTypes(), await generatedApiTypes());
  });
});
