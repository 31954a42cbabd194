import { signPush } from '../../src/receiver/authenticate-push.js';
import type { BenchPush } from './push-bodies.js';

/** The headers Carsys sends with a push, signed now: every request gets its own timestamp and signature. */
export function signedHeaders(push: BenchPush): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-carsys-garage-id': push.garage.id,
    'x-carsys-timestamp': timestamp,
    'x-carsys-signature': signPush(push.garage.secrets[0] ?? '', timestamp, push.body),
  };
}

export const pushPath = '/carsys/v1/pushes';
