import { request as httpRequest } from 'node:http';
import { signPush } from '../../src/receiver/authenticate-push.js';
import type { GarageConfig } from '../../src/config.js';
import type { GarageChoice, HostileRequest } from './hostile-case.js';

export type HostileAnswer = Readonly<{ status: number; headers: Headers; text: string; json: Record<string, unknown> }>;
export type Garages = Readonly<{ own: GarageConfig; other: GarageConfig }>;

const chunkBytes = 64 * 1024;

function garageOf(choice: GarageChoice, garages: Garages): string {
  return choice === 'own' || choice === 'other' ? garages[choice].id : choice.literal;
}

function timestampHeader(request: HostileRequest, nowSeconds: number): string | null {
  const { timestamp = 0 } = request;
  if (timestamp === null) return null;
  return typeof timestamp === 'number' ? String(nowSeconds + timestamp) : timestamp.literal;
}

function signature(request: HostileRequest, body: Buffer, timestamp: string, garages: Garages): string | null {
  const named = request.garageId === 'other' ? 'other' : 'own';
  const signWith = request.signWith ?? named;
  if (signWith === 'none') return null;
  if (typeof signWith === 'object') return signWith.signature;
  const signed = request.signedBody === undefined ? body : Buffer.from(request.signedBody, 'utf8');
  return signPush(garages[signWith].secrets[0] ?? '', timestamp, signed);
}

/** The headers of a hostile request: signed as the case says, over the bytes and timestamp it says. */
export function hostileHeaders(request: HostileRequest, body: Buffer, garages: Garages): Record<string, string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {};
  if (request.contentType !== null) headers['Content-Type'] = request.contentType ?? 'application/json';
  if (request.garageId !== null) headers['X-Carsys-Garage-Id'] = garageOf(request.garageId ?? 'own', garages);
  const timestamp = timestampHeader(request, nowSeconds);
  if (timestamp !== null) headers['X-Carsys-Timestamp'] = timestamp;
  const signedTimestamp =
    request.signedTimestampOffset === undefined
      ? (timestamp ?? '')
      : String(nowSeconds + request.signedTimestampOffset);
  const signed = signature(request, body, signedTimestamp, garages);
  if (signed !== null) headers['X-Carsys-Signature'] = signed;
  return { ...headers, ...request.headers };
}

function jsonOrEmpty(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function answerOf(response: Response): Promise<HostileAnswer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: jsonOrEmpty(text) };
}

function chunks(body: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= body.length) {
        controller.close();
        return;
      }
      controller.enqueue(body.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

/** Announces the whole body, sends only its first bytes, then half-closes the connection. */
function sendCut(url: URL, headers: Record<string, string>, body: Buffer, sendBytes: number): Promise<HostileAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } });
    req.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') answerHeaders.set(name, value);
        }
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: answerHeaders, text, json: jsonOrEmpty(text) });
      });
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s after hanging up')));
    req.write(body.subarray(0, sendBytes), () => req.socket?.end());
  });
}

/** Sends one hostile request to the receiver's push endpoint and reads whatever comes back. */
export async function sendHostile(baseUrl: string, request: HostileRequest, garages: Garages): Promise<HostileAnswer> {
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body);
  const headers = hostileHeaders(request, body, garages);
  const url = new URL('/carsys/v1/pushes', baseUrl);
  if (request.closeAfterBytes !== undefined) return sendCut(url, headers, body, request.closeAfterBytes);
  const response = await fetch(url, {
    method: 'POST',
    headers,
    ...(request.chunked === true ? { body: chunks(body), duplex: 'half' as const } : { body }),
  });
  return answerOf(response);
}
