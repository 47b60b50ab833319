import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../../bench/report';
import { rowsForRuns } from '../../../bench/rows';

const biome = (markdown: string) =>
  execFileSync('node_modules/.bin/biome', ['format', '--stdin-file-path=README.md'], {
    input: markdown,
    encoding: 'utf8',
  });

describe('the bench report', () => {
  it('writes a README table the formatter leaves as it is, so lint passes after a bench run', () => {
    const rows = rowsForRuns.append(100, 100_000, [
      { logbook: 812.4, dexie: 640, rxdb: 1_530.25 },
      { logbook: 799, dexie: 655.5, rxdb: 1_490 },
      { logbook: 830, dexie: 648, rxdb: 1_502 },
    ]);
    const table = `${renderTable(rows)}\n`;

    expect(table).toContain('raw Dexie bulkAdd');
    expect(biome(table)).toBe(table);
  });
});
