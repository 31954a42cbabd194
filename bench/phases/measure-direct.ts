import { createKeyring } from '../../src/crypto/keyring.js';
import { openMongo } from '../../src/store/open-mongo.js';
import { importDirectly } from '../direct/import-directly.js';
import { withRetries } from '../direct/with-retries.js';
import { mapLimited } from '../load/limited.js';
import { meterCpu, type CpuUse } from '../processes/cpu-meter.js';
import { perSecond, ratePerSecond } from '../report/stats.js';
import { benchSettings } from '../settings.js';
import { benchPushes } from '../workload/push-bodies.js';
import { poolUrl, type RunContext } from './run-context.js';

export type DirectResult = Readonly<{
  imports: number;
  seconds: number;
  importsPerSecond: number;
  /** Steps retried after a database error (FerretDB answers "database is locked" under write contention). */
  retries: number;
  perSecond: number[];
  cpu: CpuUse;
}>;

/** The direct baseline: the pipeline's validate, map and upsert code in this process, no Temporal, same concurrency. */
export async function measureDirect(context: RunContext): Promise<DirectResult> {
  const mongo = await openMongo(
    { url: poolUrl(context.services.mongoUrl), database: context.database('direct') },
    30_000,
  );
  try {
    const keyring = createKeyring(JSON.parse(context.encryptionKeys) as Parameters<typeof createKeyring>[0]);
    const pushes = benchPushes(context.garages.direct, benchSettings.burstSize, benchSettings.pushesPerCar);
    let retries = 0;
    const dependencies = { collections: mongo.collections, keyring };
    const meter = meterCpu(context.pids);
    const startedAt = Date.now();
    const finishedAt = await mapLimited(pushes, benchSettings.concurrency, (push) =>
      withRetries(
        () => importDirectly(dependencies, push),
        () => retries++,
      ),
    );
    const cpu = meter.stop();
    const endedAt = Math.max(...finishedAt);
    return {
      imports: pushes.length,
      seconds: (endedAt - startedAt) / 1000,
      importsPerSecond: ratePerSecond(pushes.length, startedAt, endedAt),
      retries,
      perSecond: perSecond(finishedAt, startedAt),
      cpu,
    };
  } finally {
    await mongo.client.close();
  }
}
