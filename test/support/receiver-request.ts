import { parseEnvelope } from '../../src/domain/contract/envelope.js';
import { importIdentity, sha256Hex, type ImportRequest } from '../../src/domain/import-request.js';

/**
 * The import request the receiver builds for a raw push, and its workflow id: for tests and tools that start the
 * workflow themselves (the receiver also vouches for it; callers that need a voucher add one).
 */
export function receiverRequestFor(garageId: string, rawBody: string): { workflowId: string; request: ImportRequest } {
  const parsed = parseEnvelope(JSON.parse(rawBody));
  if (!parsed.ok) throw new Error(`the push has no usable envelope: ${parsed.message}`);
  const bodySha256 = sha256Hex(rawBody);
  const identity = importIdentity({
    garageId,
    dmsNumber: parsed.envelope.dmsNumber,
    messageId: parsed.envelope.messageId,
    bodySha256,
  });
  return {
    workflowId: identity.workflowId,
    request: {
      importId: identity.importId,
      garageId,
      rawBodyBase64: Buffer.from(rawBody, 'utf8').toString('base64'),
      bodySha256,
      receivedAt: new Date().toISOString(),
      requestId: null,
      envelope: parsed.envelope,
    },
  };
}
