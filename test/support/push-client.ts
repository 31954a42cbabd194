import { signPush } from '../../src/receiver/authenticate-push.js';
import type { GarageConfig } from '../../src/config.js';

export type PushOptions = Readonly<{
  garage: GarageConfig;
  garageId?: string;
  secret?: string;
  timestamp?: string;
  contentType?: string;
  signature?: string;
  headers?: Record<string, string>;
}>;

export type PushAnswer = Readonly<{ status: number; headers: Headers; json: Record<string, unknown> }>;

/** Sends a push the way Carsys does: signed over timestamp and raw body. */
export async function sendPush(baseUrl: string, body: string | Uint8Array, options: PushOptions): Promise<PushAnswer> {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}/carsys/v1/pushes`, {
    method: 'POST',
    headers: {
      'Content-Type': options.contentType ?? 'application/json',
      'X-Carsys-Garage-Id': options.garageId ?? options.garage.id,
      'X-Carsys-Timestamp': timestamp,
      'X-Carsys-Signature':
        options.signature ?? signPush(options.secret ?? options.garage.secrets[0] ?? '', timestamp, raw),
      ...options.headers,
    },
    body: raw,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}
