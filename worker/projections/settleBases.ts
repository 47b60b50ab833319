import type { AnyProjection } from '../../src/core/domain';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { LogbookDatabase, ViewRow } from '../db/database';
import { foldInto, touchedKeys } from './applyProjections';
import { readViewRows } from './readViewRows';
import { toViewRow } from './viewRows';

/**
 * Moves one projection's kept bases forward over events that have just settled, when its views
 * already show those events (applied tentatively, before every event still unsettled): a base
 * is a view's settled value, so the settled events now belong in it. A base that was absence
 * (`ViewRow.baseAbsent`: no base row) and is a value now gets its row, and its view loses the
 * mark. An unmarked view with no base row holds no unsettled event, so it has nothing to move.
 */
export async function settleBases(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
): Promise<void> {
  const { relevant, keyOf, keys } = touchedKeys(projection, events);
  if (relevant.length === 0) return;
  const [bases, rows] = await Promise.all([
    readViewRows(db.viewBases, projection.name, keys),
    readViewRows(db.views, projection.name, keys),
  ]);
  const kept = new Map<string, Json | undefined>();
  const marked = new Map<string, ViewRow>();
  keys.forEach((key, i) => {
    const [base, row] = [bases[i], rows[i]];
    if (base) kept.set(key, base.value ?? undefined);
    else if (!row || row.baseAbsent) kept.set(key, undefined);
    if (!base && row?.baseAbsent) marked.set(key, row);
  });
  const moved = relevant.filter((event) => kept.has(keyOf.get(event) as string));
  foldInto(projection, kept, moved, keyOf);
  const stored = keys.filter((key, i) => bases[i] || kept.get(key) !== undefined);
  const unmarked = [...marked].filter(([key]) => kept.get(key) !== undefined);
  await Promise.all([
    db.viewBases.bulkPut(
      stored.map((key) => ({ projection: projection.name, key, value: kept.get(key) ?? null })),
    ),
    unmarked.length > 0 &&
      db.views.bulkPut(unmarked.map(([key, row]) => toViewRow(projection, key, row.value))),
  ]);
}

/**
 * Takes the marks off one projection's views that `events` touched, once no event is unsettled
 * any more: every view is then its settled value, and a mark left would read as an absent base.
 */
export async function unmarkViews(
  db: LogbookDatabase,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
): Promise<void> {
  const { keys } = touchedKeys(projection, events);
  if (keys.length === 0) return;
  const rows = await readViewRows(db.views, projection.name, keys);
  const marked = rows.filter((row) => row?.baseAbsent) as ViewRow[];
  if (marked.length === 0) return;
  await db.views.bulkPut(marked.map((row) => toViewRow(projection, row.key, row.value)));
}
