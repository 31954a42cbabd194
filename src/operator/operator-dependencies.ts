import type { OperatorToken } from '../config.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { ImportQueries } from '../store/import-queries.js';
import type { ImportOverviewReport } from './import-overview.js';
import type { ImportRetry } from './retry-imports.js';
import type { SilenceReport } from './silence.js';
import type { WhereIsWorkOrder } from './where-is-work-order.js';
import type { WebUiLinks } from '../temporal/web-ui-links.js';

/** What the import API and the support page need: the same reads and the same retry, behind operator tokens. */
export type SupportDependencies = Readonly<{
  tokens: readonly OperatorToken[];
  queries: ImportQueries;
  retry: ImportRetry;
  silence: () => Promise<SilenceReport>;
  /** "Garage G says work order X is missing": which case it is, with the evidence. */
  whereIs: WhereIsWorkOrder;
  links: WebUiLinks;
  /** Per garage, the last 24 hours and 7 days of pushes and how they ended, for the person on duty. */
  overview: ImportOverviewReport;
  metrics: ImportMetrics;
}>;
