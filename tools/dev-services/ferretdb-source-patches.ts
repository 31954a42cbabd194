import { createHash } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DevServicesError } from './dev-services-error.js';

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
  ...['Query', 'Explain'].map((method): SourcePatch => ({
    name: `sqlite-${method.toLowerCase()}-narrows-by-id-among-other-conditions`,
    file: 'internal/backends/sqlite/collection.go',
    find: idPushdownCondition(method, 'params.Filter.Len() == 1'),
    replace: idPushdownCondition(method, 'hasOneIDKey(params.Filter)'),
    why:
      'The SQLite backend narrows a query to one _id only when the filter is exactly {_id: value}; a guarded ' +
      'update such as {_id, "source.sentAt": {$lt: …}} scanned and decoded the whole collection. Every caller of ' +
      "Query filters the documents it gets back again with the whole filter (FerretDB's pushdown is only an " +
      'optimisation), so narrowing by a top-level _id equality first is safe whatever else the filter says.',
  })),
  {
    name: 'sqlite-has-one-id-key',
    file: 'internal/backends/sqlite/collection.go',
    find: '// check interfaces\nvar (\n\t_ backends.Collection = (*collection)(nil)\n)',
    replace: [
      '// hasOneIDKey reports whether the filter names _id exactly once at its top level (a repeated key would make',
      '// Get panic). Added by the Claire dev-services build.',
      'func hasOneIDKey(filter *types.Document) bool {',
      '\tcount := 0',
      '\tfor _, key := range filter.Keys() {',
      '\t\tif key == "_id" {',
      '\t\t\tcount++',
      '\t\t}',
      '\t}',
      '\treturn count == 1',
      '}',
      '',
      '// check interfaces',
      'var (',
      '\t_ backends.Collection = (*collection)(nil)',
      ')',
    ].join('\n'),
    why: 'The helper the two patches above call.',
  },
];

/**
 * The `if` that decides the _id pushdown in the SQLite collection's `method`, with the line after the `switch` that
 * tells the two copies apart (Explain also reports that it pushed the filter down).
 */
function idPushdownCondition(method: string, condition: string): string {
  const firstCaseLine = method === 'Explain' ? '\t\t\tfilterPushdown = true\n' : '';
  return [
    `\tif ${condition} {`,
    '\t\tv, _ := params.Filter.Get("_id")',
    '\t\tswitch v.(type) {',
    '\t\tcase string, types.ObjectID:',
    `${firstCaseLine}\t\t\twhereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)`,
  ].join('\n');
}

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
        `(${patch.why}), then update or drop it in tools/dev-services/ferretdb-source-patches.ts.`,
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
