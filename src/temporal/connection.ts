import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import { importDataConverter } from './encryption-codec.js';

export type TemporalHandle = Readonly<{ connection: Connection; client: Client }>;

/**
 * Connects lazily, so a receiver started while Temporal is down still answers (503) and recovers on its own when
 * Temporal returns.
 */
export function createTemporalClient(config: Config['temporal'], keyring: Keyring): TemporalHandle {
  const connection = Connection.lazy({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace, dataConverter: importDataConverter(keyring) });
  return { connection, client };
}
