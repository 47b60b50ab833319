import { markdownTable, withRange } from '../../report';
import { leadOf, measuredFigure, type PeerFigure, type PeerRow } from './peerRows';

const cell = (figure: PeerFigure | undefined) =>
  figure === undefined ? 'not run' : measuredFigure(figure) ? withRange(figure) : figure.cannot;

/**
 * The results as a Markdown table: a column per peer (`labels`: name to label), Logbook's ratio to
 * the best other peer, the target and whether it is met.
 */
export function renderPeerTable(rows: readonly PeerRow[], labels: Record<string, string>): string {
  const peers = Object.keys(labels);
  const header = [
    'Workload',
    'Case',
    ...peers.map((peer) => labels[peer] as string),
    'Logbook / best other',
    'Target',
    'Met',
  ];
  const body = rows.map((row) => {
    const lead = leadOf(row);
    return [
      row.workload,
      `${row.case} (${row.unit})`,
      ...peers.map((peer) => cell(row.figures[peer])),
      lead ? `${lead.ratio.toFixed(2)}x (${labels[lead.best] ?? lead.best})` : 'n/a',
      row.target,
      lead === undefined ? 'n/a' : lead.met ? 'yes' : '**no**',
    ];
  });
  return markdownTable(header, body);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const COLORS = ['#1f3a5f', '#b5651d', '#2f7d4f', '#7a3e9d', '#b42318', '#4b5563'];

/**
 * A group of bars per row, one per peer: its median, with a line from min to max. Each row has
 * its own scale (its largest max), so rows of different units sit together.
 */
export function renderPeerSvg(
  rows: readonly PeerRow[],
  labels: Record<string, string>,
  title: string,
): string {
  const peers = Object.keys(labels);
  const bar = 14;
  const left = 300;
  const width = 900;
  const span = width - left - 140;
  let y = 50;
  const parts: string[] = [];
  for (const row of rows) {
    const scaleMax = Math.max(
      ...peers.map((peer) => row.figures[peer]).flatMap((f) => (measuredFigure(f) ? [f.max] : [1])),
    );
    const x = (value: number) => left + (span * value) / scaleMax;
    parts.push(
      `<text x="${left - 8}" y="${y + bar}" text-anchor="end" font-weight="600">${escapeXml(`${row.workload}: ${row.case}`)}</text>`,
    );
    peers.forEach((peer, i) => {
      const figure = row.figures[peer];
      const top = y + i * (bar + 2);
      const color = COLORS[i % COLORS.length] as string;
      if (measuredFigure(figure)) {
        parts.push(
          `<rect x="${left}" y="${top}" width="${Math.max(1, x(figure.median) - left)}" height="${bar}" fill="${color}" rx="2"/>`,
          `<line x1="${x(figure.min)}" y1="${top + bar / 2}" x2="${x(figure.max)}" y2="${top + bar / 2}" stroke="#111" stroke-width="1.5"/>`,
          `<text x="${x(figure.max) + 6}" y="${top + bar - 3}">${escapeXml(`${withRange(figure)} ${row.unit}`)}</text>`,
        );
      } else {
        parts.push(
          `<text x="${left + 4}" y="${top + bar - 3}" fill="${color}">${escapeXml(cell(figure))}</text>`,
        );
      }
    });
    y += peers.length * (bar + 2) + 14;
  }
  const legend = peers.map(
    (peer, i) =>
      `<rect x="${12 + i * 170}" y="30" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${26 + i * 170}" y="39">${escapeXml(labels[peer] as string)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="system-ui, sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="12" y="20" font-size="14" font-weight="600">${escapeXml(title)}</text>`,
    ...legend,
    ...parts,
    '</svg>',
  ].join('\n');
}
