import type { OperatorToken } from '../config.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { ImportQueries } from '../store/import-queries.js';
import type { ImportRetry } from './retry-imports.js';
import type { SilenceReport } from './silence.js';
import type { WebUiLinks } from '../temporal/web-ui-links.js';

/** What the import API and the support page need: the same reads and the same retry, behind operator tokens. */
export type SupportDependencies = Readonly<{
  tokens: readonly OperatorToken[];
  queries: ImportQueries;
  retry: ImportRetry;
  silence: () => Promise<SilenceReport>;
  links: WebUiLinks;
  metrics: ImportMetrics;
}>;
