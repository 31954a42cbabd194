import type { SilenceReport } from '../silence.js';
import { time } from './html-values.js';
import { html, type SafeHtml } from './html.js';

/** Garages that stopped pushing: highlighted, and said in words, since a silent DMS is a ticket waiting to happen. */
export function silenceAlert(report: SilenceReport): SafeHtml {
  const hours = report.thresholdBusinessHours;
  const silent = report.garages.filter((garage) => garage.silent);
  if (silent.length === 0) {
    return html`<section class="quiet" aria-labelledby="silence-heading">
      <h2 id="silence-heading">Silent garages</h2>
      <p>Every garage has pushed within the last ${hours} business hours.</p>
    </section>`;
  }
  const rows = silent.map(
    (garage) =>
      html`<tr>
        <th scope="row">${garage.garageId}</th>
        <td>${garage.silentBusinessHours}</td>
        <td>${garage.lastPushAt === null ? 'never (since the receiver started)' : time(garage.lastPushAt)}</td>
      </tr>`,
  );
  return html`<section class="alert" aria-labelledby="silence-heading">
    <h2 id="silence-heading">Warning: ${silent.length} silent garage${silent.length === 1 ? '' : 's'}</h2>
    <p>No pushes for ${hours} business hours or more. Their Carsys may have stopped sending.</p>
    <table>
      <thead>
        <tr>
          <th scope="col">Garage</th>
          <th scope="col">Silent for (business hours)</th>
          <th scope="col">Last push</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}
