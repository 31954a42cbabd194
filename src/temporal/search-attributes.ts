import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { searchAttributeNames } from '../domain/search-attribute-names.js';

/** Search attributes every import workflow carries; values are never encrypted, so none of them is personal data. */
export const GarageIdKey = defineSearchAttributeKey(searchAttributeNames.garageId, SearchAttributeType.KEYWORD);
export const DmsNumberKey = defineSearchAttributeKey(searchAttributeNames.dmsNumber, SearchAttributeType.KEYWORD);
export const WoNumberKey = defineSearchAttributeKey(searchAttributeNames.woNumber, SearchAttributeType.KEYWORD);
export const OutcomeKey = defineSearchAttributeKey(searchAttributeNames.outcome, SearchAttributeType.KEYWORD);

/** What the dev server must register at start (`--search-attribute Name=Keyword`). */
export const importSearchAttributes = [GarageIdKey, DmsNumberKey, WoNumberKey, OutcomeKey].map((key) => ({
  name: key.name,
  type: 'Keyword' as const,
}));
