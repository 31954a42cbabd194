import express, { type Router } from 'express';

/** A named check of something the receiver needs; rejects with a reason when it is not there. */
export type ReadinessCheck = Readonly<{ name: string; check: () => Promise<void> }>;

type CheckResult = { ok: boolean; reason?: string };

/** `GET /healthz` says the process is up; `GET /readyz` says whether Temporal and the database answer, and why not. */
export function healthRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }): Promise<[string, CheckResult]> => {
        try {
          await check();
          return [name, { ok: true }];
        } catch (error) {
          const reason = error instanceof Error ? error.message : 'unknown error';
          return [name, { ok: false, reason: `${name} unreachable: ${reason}` }];
        }
      }),
    );
    const ready = results.every(([, result]) => result.ok);
    const byName: Record<string, CheckResult> = Object.fromEntries(results);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: byName });
  });
  return router;
}
