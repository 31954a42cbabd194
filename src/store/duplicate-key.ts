import { MongoServerError } from 'mongodb';

/** True for E11000: a unique index refused a second document for one key. */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}
