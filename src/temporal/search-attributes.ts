import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes every import workflow carries; values are never encrypted, so none of them is personal data. */
export const GarageIdKey = defineSearchAttributeKey('CarsysGarageId', SearchAttributeType.KEYWORD);
export const DmsNumberKey = defineSearchAttributeKey('CarsysDmsNumber', SearchAttributeType.KEYWORD);
export const WoNumberKey = defineSearchAttributeKey('CarsysWoNumber', SearchAttributeType.KEYWORD);
export const OutcomeKey = defineSearchAttributeKey('CarsysOutcome', SearchAttributeType.KEYWORD);

/** What the dev server must register at start (`--search-attribute Name=Keyword`). */
export const importSearchAttributes = [GarageIdKey, DmsNumberKey, WoNumberKey, OutcomeKey].map((key) => ({
  name: key.name,
  type: 'Keyword' as const,
}));
