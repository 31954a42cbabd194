/** Links into the Temporal Web UI, for support pages and the import API. */
export function webUiLinks(uiUrl: string, namespace: string) {
  const base = `${uiUrl}/namespaces/${encodeURIComponent(namespace)}`;
  return {
    workflow: (workflowId: string) => `${base}/workflows/${encodeURIComponent(workflowId)}`,
    /** The workflow list filtered by a visibility query, e.g. `CarsysWoNumber = "WO-1"`. */
    search: (query: string) => `${base}/workflows?query=${encodeURIComponent(query)}`,
  };
}
export type WebUiLinks = ReturnType<typeof webUiLinks>;
