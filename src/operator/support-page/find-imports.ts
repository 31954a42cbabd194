import type { ImportStatus } from '../../domain/import-status.js';
import type { ImportQueries, ImportSummary } from '../../store/import-queries.js';

export type FoundImports = Readonly<{ items: ImportSummary[]; more: boolean }>;

/** Merges result lists into one, each import once, newest received first, as the import API orders them. */
export function newestFirst(lists: readonly (readonly ImportSummary[])[], limit: number): FoundImports {
  const unique = new Map<string, ImportSummary>();
  for (const item of lists.flat()) unique.set(item._id, item);
  const sorted = [...unique.values()].sort(
    (a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0),
  );
  return { items: sorted.slice(0, limit), more: sorted.length > limit };
}

/**
 * What support types into the one search box is a WO number, a registration or a DMS number: look it up as each,
 * and merge. Without text, the newest imports (of a status, if one is chosen).
 */
export async function findImports(
  queries: Pick<ImportQueries, 'search'>,
  search: { text?: string | undefined; status?: ImportStatus | undefined },
  limit: number,
): Promise<FoundImports> {
  const status = search.status === undefined ? {} : { status: search.status };
  const filters =
    search.text === undefined
      ? [status]
      : [
          { ...status, woNumber: search.text },
          { ...status, registration: search.text },
          { ...status, dmsNumber: search.text },
        ];
  const pages = await Promise.all(filters.map((filter) => queries.search(filter, { limit })));
  const found = newestFirst(
    pages.map((result) => result.items),
    limit,
  );
  return { items: found.items, more: found.more || pages.some((result) => result.nextCursor !== null) };
}
