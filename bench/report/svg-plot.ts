/** One line on a plot: points in data units. */
export type Series = Readonly<{
  name: string;
  color: string;
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
}>;

export type Axis = Readonly<{
  label: string;
  min: number;
  max: number;
  ticks: readonly number[];
  /** Data value to a 0..1 position; linear by default. */
  scale?: (value: number) => number;
  tickLabel?: (value: number) => string;
}>;

export type Plot = Readonly<{
  left: number;
  top: number;
  width: number;
  height: number;
  title: string;
  x: Axis;
  y: Axis;
  series: readonly Series[];
}>;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (value: number): string => value.toFixed(1);

function position(axis: Axis, value: number): number {
  const scale = axis.scale ?? ((v: number) => (v - axis.min) / (axis.max - axis.min || 1));
  return Math.min(1, Math.max(0, scale(value)));
}

/** One framed plot with axes, grid lines, lines and a legend, as SVG elements. */
export function plotSvg(plot: Plot): string {
  const { left, top, width, height } = plot;
  const px = (value: number): number => left + position(plot.x, value) * width;
  const py = (value: number): number => top + height - position(plot.y, value) * height;
  const label = (axis: Axis, value: number): string => (axis.tickLabel ?? String)(value);
  const parts = [
    `<text x="${left}" y="${top - 12}" font-size="14" font-weight="bold">${escape(plot.title)}</text>`,
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="none" stroke="#888"/>`,
  ];
  for (const tick of plot.x.ticks) {
    const x = fixed(px(tick));
    parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + height}" stroke="#eee"/>`);
    parts.push(
      `<text x="${x}" y="${top + height + 16}" font-size="11" text-anchor="middle">${escape(label(plot.x, tick))}</text>`,
    );
  }
  for (const tick of plot.y.ticks) {
    const y = fixed(py(tick));
    parts.push(`<line x1="${left}" y1="${y}" x2="${left + width}" y2="${y}" stroke="#eee"/>`);
    parts.push(
      `<text x="${left - 6}" y="${y}" font-size="11" text-anchor="end" dominant-baseline="middle">${escape(label(plot.y, tick))}</text>`,
    );
  }
  parts.push(
    `<text x="${left + width / 2}" y="${top + height + 34}" font-size="12" text-anchor="middle">${escape(plot.x.label)}</text>`,
  );
  parts.push(
    `<text x="${left - 48}" y="${top + height / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 ${left - 48} ${top + height / 2})">${escape(plot.y.label)}</text>`,
  );
  plot.series.forEach((series, index) => {
    const points = series.points.map(([x, y]) => `${fixed(px(x))},${fixed(py(y))}`).join(' ');
    const dash = series.dashed === true ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<polyline points="${points}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    const ly = top + 14 + index * 16;
    parts.push(
      `<line x1="${left + width + 16}" y1="${ly}" x2="${left + width + 40}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(
      `<text x="${left + width + 46}" y="${ly}" font-size="11" dominant-baseline="middle">${escape(series.name)}</text>`,
    );
  });
  return parts.join('\n');
}

/** Round tick values from 0 to at least `max`. */
export function linearTicks(max: number, count = 5): number[] {
  const rough = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  return Array.from({ length: Math.ceil(Math.max(max, 1) / step) + 1 }, (_, i) => i * step);
}

export function svgDocument(width: number, height: number, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
