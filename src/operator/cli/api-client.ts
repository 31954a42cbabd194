import createClient from 'openapi-fetch';
import type { paths } from '../api/openapi-types.generated.js';

/**
 * A client of the operator API, authenticated with an operator token, whose paths, parameters and answers are typed
 * from the OpenAPI document the operator listener serves (`npm run generate:api-types`).
 */
export function importApiClient(baseUrl: string, token: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}
export type ImportApiClient = ReturnType<typeof importApiClient>;
