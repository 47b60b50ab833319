import type { BenchRow } from './rows';
import type { Spread } from './stats';

const figure = (value: number) =>
  !Number.isFinite(value)
    ? 'n/a'
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : value.toFixed(value >= 10 ? 1 : 2);

/** A median with its min and max: `12.3 (11.0–14.2)`. */
export const withRange = ({ median, min, max }: Spread) =>
  `${figure(median)} (${figure(min)}–${figure(max)})`;

/** Columns padded to a common width, as the Markdown formatter (Biome) lays tables out. */
export function markdownTable(header: readonly string[], body: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...body.map((cells) => cells[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join(
    '\n',
  );
}

const HEADER = [
  'Workload',
  'Case',
  'Logbook, median (min–max)',
  'Baseline, median (min–max)',
  'Ratio',
  'Target',
  'Met',
];

/** The results as a Markdown table: what `npm run bench` prints and the README shows. */
export function renderTable(rows: readonly BenchRow[]): string {
  const body = rows.map((row) => {
    const others = Object.entries(row.others ?? {})
      .map(([name, value]) => `<br>${name}: ${withRange(value)}`)
      .join('');
    return [
      row.workload,
      row.case,
      `${withRange(row.logbook)} ${row.unit}`,
      `${row.baselineName}: ${withRange(row.baseline)}${others}`,
      `${row.ratio.toFixed(2)}x`,
      row.target,
      row.met ? 'yes' : '**no**',
    ];
  });
  return markdownTable(HEADER, body);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A bar per row: Logbook's figure as a multiple of its baseline's, with the 1x line marked. */
export function renderSvg(rows: readonly BenchRow[], title: string): string {
  const barHeight = 22;
  const left = 360;
  const width = 860;
  const scaleMax = Math.max(2, ...rows.map((row) => (Number.isFinite(row.ratio) ? row.ratio : 0)));
  const x = (ratio: number) => left + ((width - left - 80) * Math.min(ratio, scaleMax)) / scaleMax;
  const height = 60 + rows.length * (barHeight + 8);
  const bars = rows.map((row, i) => {
    const y = 40 + i * (barHeight + 8);
    const ratio = Number.isFinite(row.ratio) ? row.ratio : 0;
    const color = row.met ? '#2f7d4f' : '#b42318';
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escapeXml(`${row.workload.split(' ')[0]} ${row.case}`)}</text>`,
      `<rect x="${left}" y="${y}" width="${Math.max(1, x(ratio) - left)}" height="${barHeight}" fill="${color}" rx="3"/>`,
      `<text x="${x(ratio) + 6}" y="${y + 15}">${ratio.toFixed(2)}x ${escapeXml(row.unit === 'events/s' ? '(rate)' : '')}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="600">${escapeXml(title)}</text>`,
    ...bars,
    `<line x1="${x(1)}" y1="32" x2="${x(1)}" y2="${height - 12}" stroke="#1f3a5f" stroke-dasharray="4 3"/>`,
    `<text x="${x(1) + 4}" y="${height - 4}" fill="#1f3a5f">baseline (1x)</text>`,
    '</svg>',
  ].join('\n');
}
