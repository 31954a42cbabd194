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

const outcomeWords: Readonly<Record<(typeof overviewOutcomes)[number], string>> = {
  imported: 'imported',
  failed: 'failed',
  skipped: 'skipped',
  importing: 'still importing',
  refused: 'refused',
};

/**
 * Every hour slot of the week for each outcome the garage had (imported for a garage with none), zeros included:
 * an area is drawn through its points, so a missing zero would bridge a silence. One more point at the end closes
 * the newest hour.
 */
function series(overview: ImportOverview) {
  const { from, to } = overview.last7Days;
  const slots = Math.round((to.getTime() - from.getTime()) / hourMs);
  return overview.garages.flatMap((garage) => {
    const byStart = new Map(garage.perHour.map((hour) => [hour.hour.getTime(), hour]));
    const present = overviewOutcomes.filter((outcome) => garage.perHour.some((hour) => hour[outcome] > 0));
    const drawn = present.length === 0 ? (['imported'] as const) : present;
    const total = (outcome: (typeof overviewOutcomes)[number]) => garage.last7Days[outcome];
    return drawn.flatMap((outcome) =>
      Array.from({ length: slots + 1 }, (_, index) => {
        const start = new Date(from.getTime() + index * hourMs);
        return {
          garage: garageLabel(garage.garageId),
          start: asAmsterdamWallClock(start),
          outcome,
          count: index === slots ? 0 : (byStart.get(start.getTime())?.[outcome] ?? 0),
          // What a screen reader says for the area of this outcome.
          label: `${outcomeWords[outcome]}: ${total(outcome)} in the last 7 days`,
        };
      }),
    );
  });
}

function chartSpec(overview: ImportOverview): TopLevelSpec {
  const values = series(overview);
  const { from, to } = overview.last7Days;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Pushes per hour by outcome, last 7 days, one row per garage',
    background: 'white',
    data: { values },
    spacing: { row: 6 },
    facet: {
      row: {
        field: 'garage',
        type: 'nominal',
        sort: overview.garages.map((garage) => garageLabel(garage.garageId)),
        header: {
          title: null,
          labelAngle: 0,
          labelAlign: 'left',
          labelAnchor: 'start',
          labelOrient: 'top',
          labelPadding: 2,
          labelFontSize: 12,
        },
      },
    },
    spec: {
      width: 720,
      height: 56,
      // Stacked steps rather than bars: one path per outcome and garage instead of one per hour, so the page stays
      // small (tens of kilobytes for tens of garages) and each hour is still a flat step of its own.
      mark: { type: 'area', interpolate: 'step-after' },
      encoding: {
        // The domain is the whole week, so an hour without pushes is a gap, and a silence up to now is a flat end.
        x: {
          field: 'start',
          type: 'temporal',
          // domainMin/Max rather than domain: an explicit domain in a faceted chart makes Vega-Lite warn of a conflict.
          scale: { type: 'utc', domainMin: asAmsterdamWallClock(from), domainMax: asAmsterdamWallClock(to) },
          axis: { title: 'Amsterdam time', format: '%a %d %b', tickCount: 7, grid: true },
        },
        y: {
          field: 'count',
          type: 'quantitative',
          stack: 'zero',
          axis: { title: null, tickCount: 2, tickMinStep: 1, format: 'd' },
        },
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
