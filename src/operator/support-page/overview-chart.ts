import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { hourMs } from '../../store/hour-slots.js';
import { overviewOutcomes, type ImportOverview } from '../import-overview.js';
import { SafeHtml } from './html.js';

/**
 * Colours that stay apart for the common kinds of colour blindness (Okabe–Ito); the legend and the table name
 * each outcome in words, so the colour only repeats them.
 */
export const outcomeColours = {
  imported: '#009E73',
  failed: '#D55E00',
  skipped: '#999999',
  importing: '#E69F00',
  refused: '#CC79A7',
} as const satisfies Record<(typeof overviewOutcomes)[number], string>;

const amsterdamOffset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

/**
 * Vega draws times in one zone only (the process's, or UTC); the chart shows Amsterdam time, as every support page
 * does, by drawing each instant at its Amsterdam wall-clock time on a UTC scale.
 */
function asAmsterdamWallClock(instant: Date): number {
  const zone = amsterdamOffset.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const offset = /^GMT([+-])(\d{2}):(\d{2})$/.exec(zone);
  const minutes = offset === null ? 0 : (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return instant.getTime() + minutes * 60_000;
}

const garageLabel = (garageId: string | null) => garageId ?? '(no garage id given)';

const hourLabel = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

function chartSpec(overview: ImportOverview): TopLevelSpec {
  const values = overview.garages.flatMap((garage) => {
    const bars = garage.perHour.flatMap((hour) =>
      overviewOutcomes
        .filter((outcome) => hour[outcome] > 0)
        .map((outcome) => ({
          garage: garageLabel(garage.garageId),
          start: asAmsterdamWallClock(hour.hour),
          end: asAmsterdamWallClock(new Date(hour.hour.getTime() + hourMs)),
          outcome,
          count: hour[outcome],
          // What a screen reader says for the bar.
          label: `${hour[outcome]} ${outcome} in the hour from ${hourLabel.format(hour.hour)} (Amsterdam)`,
        })),
    );
    if (bars.length > 0) return bars;
    // A garage with nothing in 7 days still gets its (empty) row: a silence must show. The bar has no height.
    const end = asAmsterdamWallClock(overview.last7Days.to);
    const label = 'nothing in the last 7 days';
    return [{ garage: garageLabel(garage.garageId), start: end, end, outcome: 'imported', count: 0, label }];
  });
  const { from, to } = overview.last7Days;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Pushes per hour by outcome, last 7 days, one row per garage',
    background: 'white',
    data: { values },
    facet: {
      row: {
        field: 'garage',
        type: 'nominal',
        sort: overview.garages.map((garage) => garageLabel(garage.garageId)),
        header: { title: null, labelAngle: 0, labelAlign: 'left', labelOrient: 'top', labelFontSize: 12 },
      },
    },
    spec: {
      width: 720,
      height: 56,
      mark: { type: 'bar', binSpacing: 0, cornerRadius: 0 },
      encoding: {
        // The domain is the whole week, so an hour without pushes is a gap, and a silence up to now is an empty end.
        x: {
          field: 'start',
          type: 'temporal',
          // domainMin/Max rather than domain: an explicit domain in a faceted chart makes Vega-Lite warn of a conflict.
          scale: { type: 'utc', domainMin: asAmsterdamWallClock(from), domainMax: asAmsterdamWallClock(to) },
          axis: { title: 'Amsterdam time', format: '%a %d %b', tickCount: 7, grid: true },
        },
        x2: { field: 'end' },
        y: { field: 'count', type: 'quantitative', stack: 'zero', axis: { title: null, tickCount: 2 } },
        color: {
          field: 'outcome',
          type: 'nominal',
          scale: { domain: [...overviewOutcomes], range: overviewOutcomes.map((outcome) => outcomeColours[outcome]) },
          legend: { title: null, orient: 'top', direction: 'horizontal' },
        },
        order: { field: 'outcome', sort: 'ascending' },
        description: { field: 'label' },
      },
    },
    // Each garage on its own scale: a garage with ten pushes a day shows its spike as clearly as one with a thousand.
    resolve: { scale: { y: 'independent' } },
    config: { view: { stroke: '#d0d7de' }, axis: { labelFontSize: 11 } },
  };
}

/** Vega's and Vega-Lite's log, which would otherwise go to the console: warnings to `warn`, nothing else. */
function chartLog(warn: (message: string) => void) {
  const log = {
    level: () => log,
    error: (...args: unknown[]) => (warn(args.map(String).join(' ')), log),
    warn: (...args: unknown[]) => (warn(args.map(String).join(' ')), log),
    info: () => log,
    debug: () => log,
  };
  return log;
}

/**
 * The hour-by-hour chart of the overview as SVG markup, drawn on the server with Vega-Lite (compiled to Vega, whose
 * `toSVG` needs no canvas or browser), so the page needs no script. Vega escapes every text it writes (garage ids
 * are text that anyone can claim in a refused request). The spec is ours, so a warning is a bug: the unit test
 * collects them; pages drop them.
 */
export async function overviewChart(
  overview: ImportOverview,
  options: { warn?: (message: string) => void } = {},
): Promise<SafeHtml> {
  const logger = chartLog(options.warn ?? (() => undefined));
  const view = new View(parse(compile(chartSpec(overview), { logger }).spec), { renderer: 'none', logger });
  try {
    return new SafeHtml(await view.toSVG());
  } finally {
    view.finalize();
  }
}
