import type { Payload, PayloadCodec, DataConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import { open, seal } from '../crypto/aes-gcm.js';
import type { Keyring } from '../crypto/keyring.js';

// The package is CommonJS; its namespaces come off the default export under ESM.
const { temporal } = proto;

const encryptedEncoding = 'binary/encrypted';
const keyIdMetadata = 'encryption-key-id';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * Encrypts every payload (workflow input with the raw push, activity results with mapped personal data) before it
 * reaches Temporal's history, so operators with Web UI access see ciphertext unless they use the codec endpoint.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: Keyring) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const sealed = seal(this.keyring, temporal.api.common.v1.Payload.encode(payload).finish());
        return {
          metadata: { encoding: utf8.encode(encryptedEncoding), [keyIdMetadata]: utf8.encode(sealed.keyId) },
          data: sealed.data,
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const encoding = payload.metadata?.['encoding'];
        if (encoding === undefined || fromUtf8.decode(encoding) !== encryptedEncoding) return payload;
        const keyId = payload.metadata?.[keyIdMetadata];
        if (keyId === undefined || payload.data === undefined || payload.data === null) {
          throw new Error('an encrypted payload lacks its key id or data');
        }
        const plain = open(this.keyring, { keyId: fromUtf8.decode(keyId), data: Buffer.from(payload.data) });
        return temporal.api.common.v1.Payload.decode(plain);
      }),
    );
  }
}

/** The one data converter of receiver and worker: both must agree, or the worker cannot read what the receiver sent. */
export function importDataConverter(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)] };
}
