import type { Client } from '@temporalio/client';
import { DmsNumberKey, GarageIdKey, WoNumberKey } from './search-attributes.js';

/** An import workflow Temporal runs for a garage and number, as its visibility store lists it. */
export type RunningImport = Readonly<{
  workflowId: string;
  dmsNumber: string | null;
  woNumber: string | null;
  startedAt: Date;
}>;

// Keyword values go inside a double-quoted literal; a value that would need escaping is not looked up at all.
const quotable = /^[^"'\\]{1,128}$/;
const atMost = 20;

/**
 * Running import workflows of one garage whose WO or DMS number is `number`. A push whose workflow runs but whose
 * first step has not yet recorded it in the import log is found only here. Temporal that cannot be asked gives [].
 */
export function runningImports(client: Client, timeoutMs = 3_000) {
  return async (garageId: string, number: string): Promise<RunningImport[]> => {
    if (!quotable.test(garageId) || !quotable.test(number)) return [];
    const query = `${GarageIdKey.name} = "${garageId}" AND (${WoNumberKey.name} = "${number}" OR ${DmsNumberKey.name} = "${number}") AND ExecutionStatus = "Running"`;
    try {
      return await client.connection.withDeadline(Date.now() + timeoutMs, async () => {
        const found: RunningImport[] = [];
        for await (const execution of client.workflow.list({ query, pageSize: atMost })) {
          found.push({
            workflowId: execution.workflowId,
            dmsNumber: execution.typedSearchAttributes.get(DmsNumberKey) ?? null,
            woNumber: execution.typedSearchAttributes.get(WoNumberKey) ?? null,
            startedAt: execution.startTime,
          });
          if (found.length >= atMost) break;
        }
        return found;
      });
    } catch {
      return [];
    }
  };
}
