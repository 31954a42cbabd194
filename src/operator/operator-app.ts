import type { Express, Router } from 'express';
import { answerErrors, baseApp } from '../http/app-frame.js';
import { healthRoutes, type ReadinessCheck } from '../http/health-routes.js';
import type { Logger } from '../logging/logger.js';
import { useOperatorAuth, type OperatorAuth } from './operator-auth.js';

export type OperatorAppDependencies = Readonly<{
  readiness: readonly ReadinessCheck[];
  /** The operator surface (import API, support page, codec, metrics, OpenAPI), each route guarding itself. */
  routes: readonly Router[];
  logger: Logger;
  /** Sessions, the guess limit and failure records, for every route that checks an operator. */
  auth: OperatorAuth;
  /** Express `trust proxy`: who may say, in X-Forwarded-*, that the request came over HTTPS and from where. */
  trustProxy: boolean | number | string;
}>;

/** The operator listener, on an internal address: import API, support page, codec endpoint, metrics, OpenAPI. */
export function createOperatorApp(deps: OperatorAppDependencies): Express {
  const app = baseApp();
  app.set('trust proxy', deps.trustProxy);
  useOperatorAuth(app, deps.auth);
  app.use(healthRoutes(deps.readiness));
  for (const router of deps.routes) app.use(router);
  return answerErrors(app, deps.logger);
}
