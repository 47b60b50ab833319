import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { leadOf, type PeerRow } from '../../../bench/peers/harness/peerRows';
import { renderPeerSvg, renderPeerTable } from '../../../bench/peers/harness/report';
import { spread } from '../../../bench/stats';

const biome = (markdown: string) =>
  execFileSync('node_modules/.bin/biome', ['format', '--stdin-file-path=README.md'], {
    input: markdown,
    encoding: 'utf8',
  });

const row = (figures: PeerRow['figures'], strictlyBelow?: boolean): PeerRow => ({
  workload: '3. Burst',
  case: '10 creates',
  unit: 'ms',
  target: 'fastest',
  strictlyBelow,
  figures,
});

const labels = { logbook: 'Logbook', dexie: 'Dexie 4', rxdb: 'RxDB 17' };

describe('the peer report', () => {
  it('gives Logbook’s ratio to the best other peer, skipping one that cannot', () => {
    const lead = leadOf(
      row({
        logbook: spread([30, 20, 40]),
        dexie: spread([40]),
        rxdb: { cannot: 'cannot (no cross-tab updates)' },
      }),
    );
    expect(lead).toEqual({ ratio: 0.75, best: 'dexie', met: true });
  });

  it('meets a "faster than every peer" target only below the best, not level with it', () => {
    const figures = { logbook: spread([40]), dexie: spread([40]), rxdb: spread([80]) };
    expect(leadOf(row(figures))?.met).toBe(true);
    expect(leadOf(row(figures, true))?.met).toBe(false);
  });

  it('has no ratio when no other peer has a figure', () => {
    expect(leadOf(row({ logbook: spread([1]), dexie: { cannot: 'cannot' } }))).toBeUndefined();
  });

  it('writes a table that says why a peer has no figure, and that the formatter leaves alone', () => {
    const table = `${renderPeerTable(
      [
        row({
          logbook: spread([50, 45, 60]),
          dexie: spread([30, 28, 31]),
          rxdb: { cannot: 'cannot (no cross-tab updates)' },
        }),
      ],
      labels,
    )}\n`;
    expect(table).toContain('| cannot (no cross-tab updates) |');
    expect(table).toContain('1.67x (Dexie 4)');
    expect(table).toContain('**no**');
    expect(biome(table)).toBe(table);
  });

  it('draws a bar per peer and row, with its min–max', () => {
    const svg = renderPeerSvg(
      [row({ logbook: spread([50, 45, 60]), dexie: spread([30]), rxdb: { cannot: 'cannot' } })],
      labels,
      'Peers',
    );
    expect(svg.match(/<rect x="300"/g)).toHaveLength(2);
    expect(svg).toContain('50.0 (45.0–60.0) ms');
    expect(svg).toContain('>cannot<');
  });
});
