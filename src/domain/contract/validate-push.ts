import type { PushIssue } from '../issues.js';
import { toPushIssues } from './plain-issues.js';
import { parsePushJson } from './push-json.js';
import { CarsysPush } from './push-schema.js';

export type PushValidation = { ok: true; push: CarsysPush } | { ok: false; issues: PushIssue[] };

/** Checks a raw push body against contract v1 and lists every bad field by path; never throws. */
export function validatePushBody(rawBody: string): PushValidation {
  let json: unknown;
  try {
    json = parsePushJson(rawBody);
  } catch {
    return { ok: false, issues: [{ path: '(body)', code: 'invalid_json', message: 'is not valid JSON' }] };
  }
  const parsed = CarsysPush.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: toPushIssues(parsed.error.issues) };
  return { ok: true, push: parsed.data };
}
