import type { NextFunction, Request, Response } from 'express';

// Stricter than the receiver's default: the pages run no script at all and load only their own stylesheet.
const policy = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Headers for every support page. `same-origin` referrers (not `no-referrer`) so that browsers send a real `Origin`
 * on the pages' own form posts, which the CSRF check compares; pages show customer data, so nothing is cached.
 */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': policy,
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  next();
}
