import type { Express, Router } from 'express';
import { answerErrors, baseApp } from '../http/app-frame.js';
import { healthRoutes, type ReadinessCheck } from '../http/health-routes.js';
import type { Logger } from '../logging/logger.js';

export type OperatorAppDependencies = Readonly<{
  readiness: readonly ReadinessCheck[];
  /** The operator surface (import API, support page, codec, metrics, OpenAPI), each route guarding itself. */
  routes: readonly Router[];
  logger: Logger;
}>;

/** The operator listener, on an internal address: import API, support page, codec endpoint, metrics, OpenAPI. */
export function createOperatorApp(deps: OperatorAppDependencies): Express {
  const app = baseApp();
  app.use(healthRoutes(deps.readiness));
  for (const router of deps.routes) app.use(router);
  return answerErrors(app, deps.logger);
}
