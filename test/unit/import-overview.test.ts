import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleOverview, maxOverviewGarages } from '../../src/operator/import-overview.js';
import { overviewChart } from '../../src/operator/support-page/overview-chart.js';
import { hourSlotOf } from '../../src/store/hour-slots.js';

const to = new Date('2026-12-03T13:17:42.000Z');
const hoursBack = (hours: number) => new Date(to.getTime() - hours * 3_600_000);
const week = { from: hoursBack(168), to };

describe('hour slots', () => {
  it('when a time is just inside or on the edge of a slot, then it counts in the slot that ends at `to` minus whole hours', () => {
    assert.deepEqual(hourSlotOf(week, new Date(to.getTime() - 1)), hoursBack(1));
    assert.deepEqual(hourSlotOf(week, hoursBack(1)), hoursBack(1));
    assert.deepEqual(hourSlotOf(week, new Date(hoursBack(24).getTime() - 1)), hoursBack(25));
    assert.deepEqual(hourSlotOf(week, hoursBack(168)), hoursBack(168));
  });
});

describe('assembleOverview', () => {
  const overview = assembleOverview(
    {
      imports: [
        { garageId: 'g1', status: 'imported', hour: hoursBack(1), count: 4 },
        { garageId: 'g1', status: 'skipped_stale', hour: hoursBack(24), count: 1 },
        { garageId: 'g1', status: 'skipped_duplicate', hour: hoursBack(25), count: 2 },
        { garageId: 'g1', status: 'failed', hour: hoursBack(100), count: 3 },
        { garageId: 'g1', status: 'accepted', hour: hoursBack(1), count: 1 },
      ],
      refusals: [
        { garageIdClaimed: 'g1', code: 'invalid_signature', hour: hoursBack(2), count: 5 },
        { garageIdClaimed: null, code: 'missing_garage_id', hour: hoursBack(30), count: 1 },
      ],
      failures: [
        {
          garageId: 'g1',
          hour: hoursBack(100),
          path: 'appointment.interventions[0].title',
          code: 'too_long',
          message: 'm',
          count: 1,
        },
        {
          garageId: 'g1',
          hour: hoursBack(100),
          path: 'appointment.interventions[3].title',
          code: 'too_long',
          message: 'm',
          count: 1,
        },
        {
          garageId: 'g1',
          hour: hoursBack(100),
          path: 'appointment.appointmentDate',
          code: 'required',
          message: 'is required',
          count: 3,
        },
      ],
    },
    { to, knownGarageIds: ['g1', 'g2'] },
  );
  const g1 = overview.garages.find((garage) => garage.garageId === 'g1');

  it('when hours fall inside and outside the last 24 hours, then each period counts exactly its own slots', () => {
    const { topFailureReasons: _f, topRefusalReasons: _r, ...day } = g1?.last24Hours ?? ({} as never);
    assert.deepEqual(day, { received: 6, imported: 4, failed: 0, skipped: 1, importing: 1, refused: 5 });
    assert.equal(g1?.last7Days.received, 11);
    assert.equal(g1?.last7Days.skipped, 3);
  });

  it('when failures differ only by an array index, then they are one reason, the commonest first', () => {
    assert.deepEqual(
      g1?.last7Days.topFailureReasons.map((reason) => [reason.path, reason.count]),
      [
        ['appointment.appointmentDate', 3],
        ['appointment.interventions[].title', 2],
      ],
    );
    assert.deepEqual(g1?.last24Hours.topFailureReasons, []);
  });

  it('when a configured garage sent nothing, or a request named no garage, then each still has its row', () => {
    assert.deepEqual(
      overview.garages.map((garage) => [garage.garageId, garage.known]),
      [
        ['g1', true],
        ['g2', true],
        [null, false],
      ],
    );
    assert.equal(overview.garages[1]?.last7Days.received, 0);
  });

  it('when refused requests claim more unknown ids than the cap, then configured garages stay and the rest is counted', () => {
    const refusals = Array.from({ length: maxOverviewGarages + 10 }, (_, index) => ({
      garageIdClaimed: `made-up-${index}`,
      code: 'unknown_garage',
      hour: hoursBack(1),
      count: 1,
    }));
    const capped = assembleOverview({ imports: [], refusals, failures: [] }, { to, knownGarageIds: ['g1'] });
    assert.equal(capped.garages.length, maxOverviewGarages);
    assert.equal(capped.garages[0]?.garageId, 'g1');
    assert.equal(capped.garagesLeftOut, 11);
  });
});

describe('overviewChart', () => {
  it('when garage ids hold markup, then the SVG shows them as text, with no warnings and an area per outcome', async () => {
    const overview = assembleOverview(
      {
        imports: [{ garageId: 'g1', status: 'failed', hour: hoursBack(3), count: 2 }],
        refusals: [
          { garageIdClaimed: '<script>alert(1)</script>', code: 'unknown_garage', hour: hoursBack(2), count: 1 },
        ],
        failures: [],
      },
      { to, knownGarageIds: ['g1', 'silent'] },
    );
    const warnings: string[] = [];
    const svg = (await overviewChart(overview, { warn: (message) => warnings.push(message) })).markup;
    assert.deepEqual(warnings, []);
    assert.ok(svg.startsWith('<svg'));
    assert.ok(!svg.includes('<script'));
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('>silent</text>'), 'the silent garage has its row');
    assert.match(svg, /aria-label="failed: 2 in the last 7 days"/);
    assert.match(svg, /aria-label="refused: 1 in the last 7 days"/);
    assert.ok(!/style=/.test(svg), 'inline styles would be blocked by the pages’ CSP');
  });
});
