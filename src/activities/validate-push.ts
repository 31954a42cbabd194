import { validatePushBody, type PushValidation } from '../domain/contract/validate-push.js';

/** Checks the push against contract v1; pure, so the workflow runs it as a local activity. */
export function validatePush(rawBody: string): Promise<PushValidation> {
  return Promise.resolve(validatePushBody(rawBody));
}
