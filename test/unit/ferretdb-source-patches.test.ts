import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DevServicesError } from '../../tools/dev-services/dev-services-error.js';
import { pinnedTools } from '../../tools/dev-services/pinned-versions.js';
import {
  applySourcePatch,
  applySourcePatches,
  ferretdbSourcePatches,
  patchesRecipe,
  type SourcePatch,
} from '../../tools/dev-services/ferretdb-source-patches.js';

const patch: SourcePatch = {
  name: 'use-the-index',
  file: 'internal/metadata.go',
  find: `IDColumn = DefaultColumn + "->'$._id'"`,
  replace: 'IDColumn = DefaultColumn + `->"_id"`',
  why: 'the index is spelled differently',
};

const goSource = `const (\n\tDefaultColumn = "sjson"\n\n\tIDColumn = DefaultColumn + "->'$._id'"\n)\n`;

describe('applySourcePatch', () => {
  it('when the text occurs once, then it is replaced and nothing else changes', () => {
    assert.equal(
      applySourcePatch(goSource, patch),
      'const (\n\tDefaultColumn = "sjson"\n\n\tIDColumn = DefaultColumn + `->"_id"`\n)\n',
    );
  });

  it('when the text is missing, then it throws naming the patch and the file', () => {
    assert.throws(
      () => applySourcePatch('const IDColumn = "_id"\n', patch),
      (error: unknown) =>
        error instanceof DevServicesError &&
        error.message.includes('"use-the-index" no longer applies') &&
        error.message.includes('internal/metadata.go is not there'),
    );
  });

  it('when the text occurs twice, then it throws instead of guessing which to replace', () => {
    assert.throws(
      () => applySourcePatch(goSource + goSource, patch),
      (error: unknown) =>
        error instanceof DevServicesError &&
        error.message.includes('"use-the-index" no longer applies') &&
        error.message.includes('occurs 2 times'),
    );
  });

  it('when the patch is applied to its own output, then it refuses, so it cannot apply twice', () => {
    assert.throws(() => applySourcePatch(applySourcePatch(goSource, patch), patch), DevServicesError);
  });
});

describe('applySourcePatches', () => {
  it('when the file is read-only like the module cache, then it is patched in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'source-patches-'));
    try {
      await mkdir(join(dir, 'internal'));
      const file = join(dir, 'internal', 'metadata.go');
      await writeFile(file, goSource);
      await chmod(file, 0o444);
      await applySourcePatches(dir, [patch]);
      assert.match(await readFile(file, 'utf8'), /IDColumn = DefaultColumn \+ `->"_id"`/);
      assert.equal((await stat(file)).mode & 0o200, 0o200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the file is missing, then it throws naming the patch', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'source-patches-'));
    try {
      await assert.rejects(applySourcePatches(dir, [patch]), /"use-the-index" no longer applies: cannot read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The pinned FerretDB module in Go's module cache, when this machine has downloaded it. */
function pinnedModuleDir(): string | undefined {
  try {
    const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
    // The module cache writes upper-case letters as "!" + lower case.
    const escaped = pinnedTools.ferretdb.module.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
    const dir = join(cache, `${escaped}@${pinnedTools.ferretdb.version}`);
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

describe('the FerretDB patches', () => {
  it('when applied to the FerretDB v1.24.2 line they target, then the _id expression is spelled like the index', () => {
    const line = `\tIDColumn = DefaultColumn + "->'$._id'"\n`;
    const [idPatch] = ferretdbSourcePatches;
    assert.ok(idPatch);
    assert.equal(applySourcePatch(line, idPatch), '\tIDColumn = DefaultColumn + `->"_id"`\n');
  });

  const moduleDir = pinnedModuleDir();
  it(
    'when applied to the pinned module source, then each finds its text exactly once',
    { skip: moduleDir === undefined && 'the pinned FerretDB module is not in the Go module cache' },
    async () => {
      for (const patch of ferretdbSourcePatches) {
        const text = await readFile(join(moduleDir!, patch.file), 'utf8');
        assert.doesNotThrow(() => applySourcePatch(text, patch), patch.name);
      }
    },
  );
});

describe('patchesRecipe', () => {
  it('when the patches change, then the recipe changes too', () => {
    const recipe = patchesRecipe([patch]);
    assert.match(recipe, /^patched: use-the-index \([0-9a-f]{12}\)$/);
    assert.notEqual(patchesRecipe([{ ...patch, replace: 'IDColumn = "other"' }]), recipe);
    assert.equal(patchesRecipe([{ ...patch, why: 'reworded' }]), recipe);
    assert.equal(patchesRecipe([]), 'unpatched');
  });
});
