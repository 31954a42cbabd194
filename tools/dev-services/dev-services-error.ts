/** A local service could not be built, started or stopped; the message says what to do, a stack trace adds nothing. */
export class DevServicesError extends Error {
  override readonly name = 'DevServicesError';
}
