/** One problem with one field of a push, in words support can read. */
export type PushIssue = Readonly<{ path: string; code: string; message: string }>;

/** A value that could not be normalised and was kept raw; the import still succeeds. */
export type PushWarning = Readonly<{ path: string; code: string; message: string }>;

/** Renders a path the way people write it: `appointment.interventions[0].title`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out === '' ? name : `${out}.${name}`;
  }, '');
}
