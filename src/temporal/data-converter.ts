import type { DataConverter } from '@temporalio/common';
import type { Keyring } from '../crypto/keyring.js';
import { EncryptionCodec } from './encryption-codec.js';

/** The one data converter of receiver and worker: both must agree, or the worker cannot read what the receiver sent. */
export function importDataConverter(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)] };
}
