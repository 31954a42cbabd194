import { createHash } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DevServicesError } from './errors.js';

/** A text replacement in a module's source before `go build`; `find` must occur exactly once in `file`. */
export type SourcePatch = Readonly<{
  name: string;
  /** Path inside the module, with forward slashes. */
  file: string;
  find: string;
  replace: string;
  why: string;
}>;

/** What we change in FerretDB v1.24.2 before building it for the dev services. */
export const ferretdbSourcePatches: readonly SourcePatch[] = [
  {
    name: 'sqlite-id-lookups-use-the-id-index',
    file: 'internal/backends/sqlite/metadata/metadata.go',
    find: `IDColumn = DefaultColumn + "->'$._id'"`,
    replace: 'IDColumn = DefaultColumn + `->"_id"`',
    why:
      'The SQLite backend creates the unique _id index on `_ferretdb_sjson->"_id"` but finds, updates and deletes ' +
      "by _id with `_ferretdb_sjson->'$._id'`. Both select the same value, yet SQLite matches index expressions by " +
      'their spelling, so every _id lookup scanned and JSON-parsed the whole collection. Spelled like the index, ' +
      'the lookups use it. Upstream means IDColumn to go away (TODO https://github.com/FerretDB/FerretDB/issues/226).',
  },
];

/**
 * Names the source patches and fingerprints their text, so a FerretDB binary built with other (or no) patches is
 * rebuilt although it reports the same version.
 */
export function patchesRecipe(patches: readonly SourcePatch[]): string {
  if (patches.length === 0) return 'unpatched';
  const digest = createHash('sha256')
    .update(JSON.stringify(patches.map(({ file, find, replace }) => [file, find, replace])))
    .digest('hex')
    .slice(0, 12);
  return `patched: ${patches.map((patch) => patch.name).join(', ')} (${digest})`;
}

/** Returns `text` with the patch applied; throws when its `find` text does not occur exactly once. */
export function applySourcePatch(text: string, patch: SourcePatch): string {
  const occurrences = text.split(patch.find).length - 1;
  if (occurrences !== 1) {
    const found = occurrences === 0 ? 'is not there' : `occurs ${occurrences} times`;
    throw new DevServicesError(
      `Source patch "${patch.name}" no longer applies: the text it replaces in ${patch.file} ${found} ` +
        `(looked for ${JSON.stringify(patch.find)}). Check whether the new version still needs it ` +
        `(${patch.why}), then update or drop it in src/dev-services/ferretdb-source-patches.ts.`,
    );
  }
  const at = text.indexOf(patch.find);
  return text.slice(0, at) + patch.replace + text.slice(at + patch.find.length);
}

/** Applies each patch to its file under `sourceDir` (a writable copy of the module). */
export async function applySourcePatches(sourceDir: string, patches: readonly SourcePatch[]): Promise<void> {
  for (const patch of patches) {
    const path = join(sourceDir, ...patch.file.split('/'));
    const original = await readFile(path, 'utf8').catch((error: unknown) => {
      throw new DevServicesError(
        `Source patch "${patch.name}" no longer applies: cannot read ${patch.file} (${String(error)})`,
      );
    });
    const patched = applySourcePatch(original, patch);
    // Files copied from the module cache are read-only.
    await chmod(path, 0o644);
    await writeFile(path, patched);
  }
}
