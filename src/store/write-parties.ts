import type { MappedParty } from '../domain/mapping/mapped-push.js';
import type { Collections } from './collections.js';
import { documentIds } from './document-ids.js';
import type { PartyDocument, SourceStamp } from './documents.js';
import { guardedWrite } from './guarded-write.js';
import { pushOrderOf } from './push-order.js';

type PartyFields = Omit<
  PartyDocument,
  '_id' | 'garageId' | 'dmsPartyId' | 'roles' | 'source' | 'createdAt' | 'updatedAt'
>;

function partyFields(party: MappedParty): PartyFields {
  const { dmsPartyId: _key, roles: _roles, ...fields } = party;
  return fields;
}

/**
 * Writes one party: its fields only when this push is the newest to describe it, its roles always, because a
 * role learnt from an older appointment is still true.
 */
async function writeParty(
  collections: Collections,
  garageId: string,
  party: MappedParty,
  source: SourceStamp,
  now: Date,
): Promise<string> {
  const _id = documentIds.party(garageId, party.dmsPartyId);
  const roles = { $addToSet: { roles: { $each: [...party.roles] } } };
  await guardedWrite<PartyDocument>({
    collection: collections.parties,
    _id,
    order: pushOrderOf(source),
    update: { $set: { ...partyFields(party), source, updatedAt: now }, ...roles },
    insert: () => ({
      _id,
      garageId,
      dmsPartyId: party.dmsPartyId,
      roles: [...party.roles],
      ...partyFields(party),
      source,
      createdAt: now,
      updatedAt: now,
    }),
    ...(party.roles.length > 0 ? { whenRefused: roles } : {}),
  });
  return _id;
}

/** Writes every party of a push; returns their ids keyed by DMS party id. */
export async function writeParties(
  collections: Collections,
  garageId: string,
  parties: readonly MappedParty[],
  source: SourceStamp,
  now: Date,
): Promise<Map<string, string>> {
  const ids = await Promise.all(parties.map((party) => writeParty(collections, garageId, party, source, now)));
  return new Map(parties.map((party, index) => [party.dmsPartyId, ids[index] ?? '']));
}
