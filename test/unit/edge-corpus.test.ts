import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import { mapPush } from '../../src/domain/mapping/map-push.js';
import { edgeCorpus } from '../edge-corpus/corpus.js';
import { pushBody } from '../support/push-body.js';

// After the base push's sentAt, so no ordering warning joins the ones a case expects.
const receivedAt = '2026-11-27T08:20:00.000Z';

/** Reads `parties[0].phonePrivate` or `car.key` from a mapped push. */
function valueAt(root: unknown, path: string): unknown {
  return path
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], root);
}

const sorted = (items: readonly string[]) => [...items].sort();

describe('the edge corpus of DMS data', () => {
  for (const edgeClass of edgeCorpus) {
    describe(edgeClass.name, () => {
      for (const edge of edgeClass.cases) {
        const outcome = edge.issues === undefined ? 'lands' : 'is refused';
        it(`when a push has ${edge.name}, then it ${outcome} as the rules say`, () => {
          const validation = validatePushBody(pushBody(edge.push));
          const issuesOf = validation.ok ? [] : validation.issues.map((issue) => `${issue.path} ${issue.code}`);
          if (edge.issues !== undefined) {
            assert.deepEqual(sorted(issuesOf), sorted(edge.issues));
            return;
          }
          if (!validation.ok) assert.fail(`expected the push to land, got issues ${issuesOf.join(', ')}`);
          const mapped = mapPush(validation.push, receivedAt);
          for (const [path, expected] of Object.entries(edge.values ?? {})) {
            assert.deepEqual(valueAt(mapped, path), expected, `value at ${path}`);
          }
          const warnings = mapped.warnings.map((warning) => `${warning.path} ${warning.code}`);
          assert.deepEqual(sorted(warnings), sorted(edge.warnings ?? []));
          for (const warning of mapped.warnings) {
            assert.ok(warning.message.length > 0, `warning without words: ${JSON.stringify(warning)}`);
          }
        });
      }
    });
  }

  it('when the corpus is counted, then it holds at least 150 cases and every class has cases', (t) => {
    const sizes = edgeCorpus.map((edgeClass) => [edgeClass.name, edgeClass.cases.length] as const);
    t.diagnostic(sizes.map(([name, size]) => `${name}: ${size}`).join('; '));
    assert.ok(sizes.every(([, size]) => size > 0));
    const total = sizes.reduce((sum, [, size]) => sum + size, 0);
    t.diagnostic(`total ${total}`);
    assert.ok(total >= 150, `only ${total} cases`);
  });
});
