import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { OperatorToken } from '../config.js';
import { ApiError, sendError } from '../http/errors.js';
import type { Logger } from '../logging/logger.js';
import { legacyTokenCookie, operatorCookie } from './operator-auth.js';
import { requireScope, requireSignIn } from './support-page/session.js';

/** Where the operator listener serves the Temporal Web UI; the UI server must run with this public path. */
export const webUiPublicPath = '/temporal';

/**
 * The codec endpoint as the Web UI must be told it (`codecRoute` serves it). Relative, so the UI calls the listener
 * it was loaded from: same origin, and the browser sends the sign-in cookie with no cross-origin setting.
 */
export const webUiCodecEndpoint = '/codec';

// The UI is a single-page app with an inline bootstrap script and inline styles; everything else it loads, and
// every request it makes (its API, the codec), stays on this origin.
const policy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** The Cookie header without our sign-in cookie: the operator's credential is ours to check, never the UI's. */
export function cookiesForUpstream(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const kept = header
    .split(';')
    .map((part) => part.trim())
    .filter(
      (part) => part !== '' && !part.startsWith(`${operatorCookie}=`) && !part.startsWith(`${legacyTokenCookie}=`),
    );
  return kept.length === 0 ? undefined : kept.join('; ');
}

function uiHeaders(_req: Request, res: Response, next: NextFunction): void {
  // `same-origin`, so that the sign-in form shown here posts with a real Origin (the support page's CSRF check).
  res.set({ 'Content-Security-Policy': policy, 'Referrer-Policy': 'same-origin' });
  next();
}

/**
 * The Temporal Web UI at `/temporal`, proxied from its own server, for signed-in operators with the `read` scope.
 * UI and codec endpoint then share this origin, so the UI's codec requests carry the operator's sign-in cookie and
 * `/codec` decides, by the `decode` scope, who reads payloads in clear.
 */
export function webUiProxy(deps: { upstream: string; tokens: readonly OperatorToken[]; logger: Logger }): Router {
  const proxy = createProxyMiddleware<Request, Response>({
    target: `${deps.upstream.replace(/\/$/, '')}${webUiPublicPath}`,
    changeOrigin: true,
    on: {
      proxyReq: (proxyReq, req: IncomingMessage) => {
        const cookies = cookiesForUpstream(req.headers.cookie);
        if (cookies === undefined) proxyReq.removeHeader('cookie');
        else proxyReq.setHeader('cookie', cookies);
        // A bearer token here would be an operator token: the UI server would pass it on to Temporal.
        proxyReq.removeHeader('authorization');
      },
      error: (error, _req, res) => {
        deps.logger.warn({ err: error }, 'the Temporal Web UI did not answer the proxy');
        if (!('status' in res) || res.headersSent) {
          res.destroy();
          return;
        }
        sendError(
          res,
          new ApiError(502, 'web_ui_unreachable', 'The Temporal Web UI does not answer right now; try again shortly.'),
        );
      },
    },
  });
  const router = express.Router();
  router.use(webUiPublicPath, uiHeaders, requireSignIn(deps.tokens), requireScope('read'), proxy);
  return router;
}
