import { validatePushBody, type PushValidation } from '../domain/contract/validate-push.js';
import { rawBodyText } from '../domain/import-request.js';

/** Checks the push against contract v1; pure, so the workflow runs it as a local activity. */
export function validatePush(rawBodyBase64: string): Promise<PushValidation> {
  return Promise.resolve(validatePushBody(rawBodyText(rawBodyBase64)));
}
