type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Lays rows out as an aligned text table, for a terminal. */
export function table(rows: readonly Row[], columns: readonly string[]): string {
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map((column) => cell(row[column])))),
  ].join('\n');
}

/** An import's detail as readable text: what happened, why, and where to look. */
export function importDetail(view: Row): string {
  const issues = (view['issues'] as { path: string; message: string }[] | undefined) ?? [];
  const warnings = (view['warnings'] as { path: string; message: string }[] | undefined) ?? [];
  return [
    `${cell(view['importId'])}  ${cell(view['status'])}`,
    cell(view['statusInWords']),
    `garage ${cell(view['garageId'])}, DMS ${cell(view['dmsNumber'])}, WO ${cell(view['woNumber'])}, received ${cell(view['receivedAt'])}`,
    ...issues.map((issue) => `  issue    ${issue.path}: ${issue.message}`),
    ...warnings.map((warning) => `  warning  ${warning.path}: ${warning.message}`),
    `workflow ${cell(view['webUiUrl'])}`,
  ].join('\n');
}
