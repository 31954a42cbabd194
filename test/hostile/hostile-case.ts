/** Which garage a request names, or whose secret signs it: the test's own garage, another registered one, or a literal. */
export type GarageChoice = 'own' | 'other' | Readonly<{ literal: string }>;

/** A request exactly as a hostile or broken client could send it; every default is what Carsys itself sends. */
export type HostileRequest = Readonly<{
  /** The raw body: text goes out as UTF-8, bytes as they are. */
  body: string | Uint8Array;
  /** `Content-Type`; null sends none. Default `application/json`. */
  contentType?: string | null;
  /** `X-Carsys-Garage-Id`; null sends none. Default: the own garage. */
  garageId?: GarageChoice | null;
  /** Whose first secret signs, or a literal signature; 'none' sends no signature header. Default: the named garage's. */
  signWith?: 'own' | 'other' | 'none' | Readonly<{ signature: string }>;
  /** Signs these bytes instead of the body (a body changed after signing). */
  signedBody?: string;
  /** `X-Carsys-Timestamp` as seconds away from now, or a literal; null sends none. Default: now. */
  timestamp?: number | Readonly<{ literal: string }> | null;
  /** Signs with this timestamp while sending the other one. */
  signedTimestampOffset?: number;
  /** Sends the body in chunks without Content-Length. */
  chunked?: boolean;
  /** Announces the whole body in Content-Length, sends only this many bytes, then closes. */
  closeAfterBytes?: number;
  headers?: Readonly<Record<string, string>>;
}>;

/** An issue the failed import must list, as `path code`, e.g. `appointment.interventions too_many`. */
export type ExpectedIssue = string;

/** The answer a case must get: refused by the receiver, accepted and failed with these issues, or accepted and imported. */
export type Expected =
  | Readonly<{ refused: number; code: string }>
  | Readonly<{ failed: readonly ExpectedIssue[] }>
  | Readonly<{ imported: Readonly<{ dmsNumber: string }> }>;

export type HostileCase = Readonly<{
  /** Reads after "when": what is hostile about the request. */
  name: string;
  /** Names the case's documents (see `caseKeys`), so the test can show that a refused case wrote none. */
  tag: string;
  request: HostileRequest;
  expected: Expected;
  /** A wrong answer not fixed yet: the case runs as a todo, and the report names the bug. */
  knownIssue?: string;
}>;

/** Says the expected answer in words, for the test's name. */
export function describeExpected(expected: Expected): string {
  if ('refused' in expected) return `${expected.refused} ${expected.code}`;
  if ('failed' in expected) return `202, then a failed import with ${expected.failed.join(', ')}`;
  return `202, then imported as DMS number ${JSON.stringify(expected.imported.dmsNumber)}`;
}
