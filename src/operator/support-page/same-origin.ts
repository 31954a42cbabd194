import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../http/errors.js';

/**
 * Whether a form post came from a page of this host. A browser that sends neither header passes: the SameSite=Strict
 * cookie already keeps other sites' posts signed out. `Origin: null` (sandboxed or privacy-stripped) does not.
 */
export function fromSameHost(source: string | undefined, host: string | undefined): boolean {
  if (source === undefined || source === '') return true;
  if (host === undefined) return false;
  try {
    return new URL(source).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Refuses form posts (CSRF) whose Origin, or else Referer, names another host. */
export function rejectCrossSitePosts(req: Request, _res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || fromSameHost(req.get('Origin') ?? req.get('Referer'), req.get('Host'))) {
    next();
    return;
  }
  next(new ApiError(403, 'cross_site_form', 'This form was sent from another site, so it was refused.'));
}
