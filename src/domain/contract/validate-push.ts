import { type PushIssue, formatPath } from '../import-status.js';
import { parsePushJson } from './envelope.js';
import { CarsysPush } from './push-schema.js';
import type { z } from 'zod';

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

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'object') return 'an object';
  return `a ${typeof input}`;
}

function expectedWords(expected: string): string {
  return typeWords[expected] ?? expected;
}

function plainIssue(issue: z.core.$ZodIssue): Omit<PushIssue, 'path'> {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { code: 'required', message: 'is required' };
      return {
        code: 'wrong_type',
        message: `must be ${expectedWords(issue.expected)}, not ${describeInput(issue.input)}`,
      };
    case 'invalid_union':
      // Our unions are "text or number" style alternatives: report the input's shape, not each branch.
      if (issue.input === undefined) return { code: 'required', message: 'is required' };
      return { code: 'wrong_type', message: `has the wrong type (${describeInput(issue.input)})` };
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'too_long', message: `is longer than ${String(issue.maximum)} characters` }
        : issue.origin === 'array'
          ? { code: 'too_many', message: `has more than ${String(issue.maximum)} items` }
          : { code: 'too_big', message: `is more than ${String(issue.maximum)}` };
    case 'too_small':
      return issue.origin === 'string'
        ? { code: 'required', message: 'is required' }
        : { code: 'too_small', message: `is less than ${String(issue.minimum)}` };
    case 'invalid_value':
      return { code: 'invalid_value', message: issue.message };
    case 'custom': {
      const code = typeof issue.params?.['code'] === 'string' ? issue.params['code'] : 'invalid';
      return { code, message: issue.message };
    }
    default:
      return { code: issue.code, message: issue.message };
  }
}

/** Turns zod's issues into the contract's issue list: one entry per bad field, path first, plain words. */
function toPushIssues(issues: ReadonlyArray<z.core.$ZodIssue>): PushIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path) || '(body)', ...plainIssue(issue) }));
}
