import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The rooms of the house and who may enter which (README "Folders"): a wrong arrow fails here, not in review.
const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

type ImportEdge = Readonly<{ from: string; specifier: string; target: string | null; typeOnly: boolean }>;

// Static `import ... from '...'` and `export ... from '...'` lines; the product has no dynamic imports of its own.
const importLine = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importLine)].map((match) => {
    const specifier = match[3] ?? '';
    const target = specifier.startsWith('.')
      ? relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts')
      : null;
    return { from: relative(root, file), specifier, target, typeOnly: match[2] !== undefined };
  });
}

const edges = sourceFiles(src).flatMap(importsOf);

function violations(room: string, allowed: (edge: ImportEdge) => boolean): string[] {
  return edges
    .filter((edge) => edge.from.startsWith(room) && !allowed(edge))
    .map((edge) => `${edge.from} imports ${edge.specifier}`);
}

const inside = (folder: string) => (edge: ImportEdge) => edge.target?.startsWith(folder) === true;

describe('import directions', () => {
  it('when the import graph is read, then it found the product files and their imports', () => {
    assert.ok(edges.length > 200, `only ${edges.length} imports found: the pattern no longer matches`);
    assert.ok(edges.some((edge) => edge.from === 'src/workflows/import-carsys-push.ts'));
  });

  it('when domain code imports, then only domain code and pure libraries', () => {
    const pureLibraries = new Set(['zod', 'luxon', 'libphonenumber-js', 'node:crypto']);
    assert.deepEqual(
      violations('src/domain/', (edge) => inside('src/domain/')(edge) || pureLibraries.has(edge.specifier)),
      [],
    );
  });

  it('when the store imports, then never the HTTP surfaces, activities, workflows or entry points', () => {
    const forbidden = ['src/receiver/', 'src/operator/', 'src/http/', 'src/activities/', 'src/workflows/', 'src/main/'];
    assert.deepEqual(
      violations('src/store/', (edge) => !forbidden.some((folder) => edge.target?.startsWith(folder) === true)),
      [],
    );
  });

  it('when workflow code imports, then only the workflow SDK, pure domain code, and types', () => {
    const workflowSafe = new Set(['@temporalio/workflow', '@temporalio/common']);
    // Search attribute keys are plain constants built with @temporalio/common, safe in the workflow sandbox.
    const workflowSafeFiles = new Set(['src/temporal/search-attributes.ts']);
    assert.deepEqual(
      violations(
        'src/workflows/',
        (edge) =>
          edge.typeOnly ||
          workflowSafe.has(edge.specifier) ||
          inside('src/domain/')(edge) ||
          inside('src/workflows/')(edge) ||
          (edge.target !== null && workflowSafeFiles.has(edge.target)),
      ),
      [],
    );
  });

  it('when the Carsys receiver imports, then never the operator surface or an entry point', () => {
    const forbidden = ['src/operator/', 'src/main/'];
    assert.deepEqual(
      violations('src/receiver/', (edge) => !forbidden.some((folder) => edge.target?.startsWith(folder) === true)),
      [],
    );
  });

  it('when anything in src imports, then never the development tooling, tests or benchmarks', () => {
    const outside = ['tools/', 'test/', 'bench/'];
    assert.deepEqual(
      violations('src/', (edge) => !outside.some((folder) => edge.target?.startsWith(folder) === true)),
      [],
    );
  });
});
