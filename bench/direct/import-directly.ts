import { parseEnvelope } from '../../src/domain/contract/envelope.js';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import { importIdentity, sha256Hex } from '../../src/domain/import-request.js';
import { mapPush } from '../../src/domain/mapping/map-push.js';
import type { Keyring } from '../../src/crypto/keyring.js';
import type { Collections } from '../../src/store/collections.js';
import { sealText } from '../../src/store/encrypted-text.js';
import { importLog } from '../../src/store/import-log.js';
import { writeDocuments } from '../../src/store/write-documents.js';
import type { BenchPush } from '../workload/push-bodies.js';

export type DirectDependencies = Readonly<{ collections: Collections; keyring: Keyring }>;

/**
 * One push imported with the pipeline's own code and no Temporal: record the receipt in the import log, validate,
 * map, write the documents, record the outcome. Resolves with when it finished (epoch ms).
 */
export async function importDirectly({ collections, keyring }: DirectDependencies, push: BenchPush): Promise<number> {
  const log = importLog(collections);
  const rawBody = push.body.toString('utf8');
  const envelope = parseEnvelope(JSON.parse(rawBody));
  if (!envelope.ok) throw new Error(`bench push ${push.dmsNumber} has no envelope: ${envelope.message}`);
  const bodySha256 = sha256Hex(push.body);
  const garageId = push.garage.id;
  const { importId, workflowId } = importIdentity({ garageId, ...envelope.envelope, bodySha256 });
  const receivedAt = new Date();
  await log.recordReceipt({
    _id: importId,
    garageId,
    workflowId,
    runId: 'direct',
    ...envelope.envelope,
    bodySha256,
    sentAt: null,
    receivedAt,
    requestId: null,
    rawBody: sealText(keyring, rawBody),
  });
  const validation = validatePushBody(rawBody);
  if (!validation.ok) throw new Error(`bench push ${push.dmsNumber} is invalid: ${JSON.stringify(validation.issues)}`);
  const mapped = mapPush(validation.push, receivedAt.toISOString());
  const written = await writeDocuments(collections, {
    garageId,
    push: mapped,
    source: { dms: 'carsys', sentAt: new Date(mapped.sentAt), messageId: mapped.messageId, importId, receivedAt },
    keepImportingAfterWorkStarted: false,
    now: new Date(),
  });
  const finishedAt = new Date();
  await log.finish({
    importId,
    status: written.outcome,
    warnings: mapped.warnings,
    documents: written.documents,
    sentAt: new Date(mapped.sentAt),
    finishedAt,
  });
  return finishedAt.getTime();
}
