/**
 * Names of the search attributes every import workflow carries (all of Temporal's Keyword type), in one place for
 * the client, the workflow and the dev server. Their values are never encrypted, so none of them is personal data.
 */
export const searchAttributeNames = {
  garageId: 'CarsysGarageId',
  dmsNumber: 'CarsysDmsNumber',
  woNumber: 'CarsysWoNumber',
  outcome: 'CarsysOutcome',
} as const;
