import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { BenchPush } from '../workload/push-bodies.js';
import { pushPath, signedHeaders } from '../workload/signed-headers.js';

/** What the receiver answered to one push: the workflow it started, or the status it refused with. */
export type PushAnswer = Readonly<{
  status: number;
  workflowId?: string;
  importId?: string;
  retryAfterSeconds?: number;
}>;

/** A keep-alive connection pool to the receiver, like Carsys's HTTP client. */
export function pushClient(url: string, connections: number) {
  const pool = new Pool(url, { connections, pipelining: 1 });
  const send = async (push: BenchPush): Promise<PushAnswer> => {
    const answer = await pool.request({
      path: pushPath,
      method: 'POST',
      headers: signedHeaders(push),
      body: push.body,
    });
    const text = await answer.body.text();
    const retryAfter = Number(answer.headers['retry-after']);
    if (answer.statusCode !== 202) {
      return { status: answer.statusCode, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) };
    }
    const { workflowId, importId } = JSON.parse(text) as { workflowId: string; importId: string };
    return { status: answer.statusCode, workflowId, importId };
  };
  return {
    send,
    /**
     * Sends the push until the receiver accepts it, waiting out every 429 for its Retry-After, as Carsys does; gives
     * up on any other refusal. Counts the 429s it met.
     */
    sendUntilAccepted: async (push: BenchPush): Promise<{ answer: PushAnswer; rateLimited: number }> => {
      let rateLimited = 0;
      for (;;) {
        const answer = await send(push);
        if (answer.status !== 429) return { answer, rateLimited };
        rateLimited++;
        await sleep((answer.retryAfterSeconds ?? 1) * 1000);
      }
    },
    close: () => pool.close(),
  };
}
