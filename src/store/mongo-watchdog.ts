import type { MongoClient } from 'mongodb';

/** A heartbeat takes at most 20 s (connect, then hello, 10 s each, or one awaited hello); one running 30 s has hung. */
const stuckAfterMs = 30_000;
const checkEveryMs = 5_000;

/**
 * Reconnects a client whose server monitor has hung. The driver (mongodb 7.9) can wait for ever for `drain` on a
 * monitoring socket that closed while a heartbeat was being written (seen when FerretDB stops under load); the
 * server then stays Unknown and every operation fails server selection until the process restarts. Closing and
 * connecting the client starts a new monitor, and the Db and Collection objects already handed out keep working.
 */
export function reconnectWhenMonitorHangs(client: MongoClient): void {
  let heartbeatStartedAt: number | null = null;
  let reconnecting = false;
  client.on('serverHeartbeatStarted', () => {
    heartbeatStartedAt ??= Date.now();
  });
  const finished = () => {
    heartbeatStartedAt = null;
  };
  client.on('serverHeartbeatSucceeded', finished);
  client.on('serverHeartbeatFailed', finished);

  const timer = setInterval(() => {
    if (reconnecting || heartbeatStartedAt === null || Date.now() - heartbeatStartedAt < stuckAfterMs) return;
    reconnecting = true;
    process.emitWarning(`the database monitor hung for ${stuckAfterMs / 1000} s; reconnecting`, 'MongoMonitorHang');
    heartbeatStartedAt = null;
    client
      .close()
      .then(() => client.connect())
      // When the database is still away, the next operation connects again by itself.
      .catch(() => undefined)
      .finally(() => {
        reconnecting = false;
      });
  }, checkEveryMs);
  timer.unref();
  // Closed by its owner, not by this reconnect: watch no more.
  client.on('topologyClosed', () => {
    if (!reconnecting) clearInterval(timer);
  });
}
