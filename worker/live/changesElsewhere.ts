import { Dexie, type ObservabilitySet, RangeSet, rangesOverlap } from 'dexie';
import type { ViewChanges } from './viewChanges';

const NO_ROWS: ViewChanges['rows'] = new Map();

/**
 * Calls `onChange` when Dexie announces (`storagemutated`) a commit to database `name` that
 * touched views or projection states and that `isOwn` does not claim: another tab's (Dexie
 * relays those over a BroadcastChannel), or another connection's in this one. Such a change says
 * which keys it touched, not their values: each projection it may touch is unknown. Returns a
 * function that stops listening.
 */
export function watchChangesElsewhere(
  name: string,
  isOwn: (parts: ObservabilitySet) => boolean,
  onChange: (changes: ViewChanges) => void,
): () => void {
  const views = `idb://${name}/views/`;
  const states = `idb://${name}/projections/`;
  const listener = (parts: ObservabilitySet) => {
    if (isOwn(parts)) return;
    const all = 'all' in parts;
    const viewKeys = parts[views];
    const stateKeys = parts[states];
    if (!all && !viewKeys && !stateKeys) return;
    onChange({
      rows: NO_ROWS,
      unknown: (projection) =>
        all ||
        (viewKeys !== undefined &&
          rangesOverlap(
            viewKeys,
            new RangeSet([projection, Dexie.minKey], [projection, Dexie.maxKey]),
          )) ||
        (stateKeys !== undefined && rangesOverlap(stateKeys, new RangeSet(projection))),
    });
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
