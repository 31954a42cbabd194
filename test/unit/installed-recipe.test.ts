import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  installedRecipe,
  rebuildReason,
  recipePath,
  recordRecipe,
  type InstalledVersion,
} from '../../tools/dev-services/installed-version.js';
import { pinnedTools, type PinnedTool } from '../../tools/dev-services/pinned-versions.js';
import { ferretdbSourcePatches } from '../../tools/dev-services/ferretdb-source-patches.js';

const ferretdb: PinnedTool = { ...pinnedTools.ferretdb, recipe: 'patched: use-the-index (0123456789ab)' };
const temporal = pinnedTools.temporal;
const pinnedVersion = (tool: PinnedTool): InstalledVersion => ({ kind: 'version', version: tool.version });

describe('rebuildReason', () => {
  it('when the binary has the pinned version and recipe, then nothing is rebuilt', () => {
    assert.equal(rebuildReason(ferretdb, pinnedVersion(ferretdb), ferretdb.recipe), undefined);
  });

  it('when the pinned version has no recipe record (built before the patches), then it is rebuilt, saying why', () => {
    assert.equal(
      rebuildReason(ferretdb, pinnedVersion(ferretdb), undefined),
      'found v1.24.2 with no record of how it was built, want it built as "patched: use-the-index (0123456789ab)"',
    );
  });

  it('when the pinned version was built by another recipe, then it is rebuilt, naming both', () => {
    const reason = rebuildReason(ferretdb, pinnedVersion(ferretdb), 'patched: older (ffffffffffff)');
    assert.match(reason ?? '', /built as "patched: older \(ffffffffffff\)", want it built as "patched: use-the-index/);
  });

  it('when the version differs, then it is rebuilt whatever the recipe says', () => {
    assert.equal(
      rebuildReason(ferretdb, { kind: 'version', version: 'v1.24.0' }, ferretdb.recipe),
      'found v1.24.0, want v1.24.2',
    );
    assert.equal(rebuildReason(ferretdb, { kind: 'missing' }, undefined), 'not built yet, want v1.24.2');
  });

  it('when the tool has no recipe (Temporal), then the version alone decides', () => {
    assert.equal(temporal.recipe, undefined);
    assert.equal(rebuildReason(temporal, pinnedVersion(temporal), undefined), undefined);
    assert.equal(rebuildReason(temporal, pinnedVersion(temporal), 'anything'), undefined);
  });

  it('when FerretDB is pinned, then it carries the recipe of its source patches', () => {
    const recipe = pinnedTools.ferretdb.recipe ?? '';
    assert.match(recipe, /^patched: .+ \([0-9a-f]{12}\)$/);
    for (const patch of ferretdbSourcePatches) assert.ok(recipe.includes(patch.name), `${patch.name} not in ${recipe}`);
  });
});

describe('the recipe file beside the binary', () => {
  let toolsDir: string;
  const previous = process.env.CLAIRE_TOOLS_DIR;
  before(async () => {
    toolsDir = await mkdtemp(join(tmpdir(), 'installed-recipe-'));
    process.env.CLAIRE_TOOLS_DIR = toolsDir;
  });
  after(async () => {
    if (previous === undefined) delete process.env.CLAIRE_TOOLS_DIR;
    else process.env.CLAIRE_TOOLS_DIR = previous;
    await rm(toolsDir, { recursive: true, force: true });
  });

  it('when no build recorded a recipe, then none is found', async () => {
    assert.equal(recipePath(ferretdb), join(toolsDir, 'ferretdb.recipe'));
    assert.equal(await installedRecipe(ferretdb), undefined);
  });

  it('when a build recorded the recipe, then it reads back as the pinned one', async () => {
    await recordRecipe(ferretdb);
    assert.equal(await installedRecipe(ferretdb), ferretdb.recipe);
    assert.equal(rebuildReason(ferretdb, pinnedVersion(ferretdb), await installedRecipe(ferretdb)), undefined);
  });

  it('when a tool without a recipe is built, then a stale record beside it is removed', async () => {
    await writeFile(recipePath(temporal), 'stale\n');
    await recordRecipe(temporal);
    assert.equal(await installedRecipe(temporal), undefined);
  });
});
