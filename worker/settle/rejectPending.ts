import type { Refusal, RejectedCommand } from '../../src/core/store';
import { pendingEvents } from '../db/syncStates';
import { restartRebuilds } from '../projections/rebuildProjections';
import { writeTables } from '../write/writeEvents';
import { nothingToSettle, rewindAndSettle, type SettleContext } from './applyPulled';

/**
 * Rejects the pending commands that recorded refused events, in one transaction, as a rebase
 * rejects one: the views are rewound, the pending work is decided again without them, and they
 * are recorded rejected with the reason (of their first refused event). An event appended
 * without a command is rejected as its own entry.
 */
export function rejectPending(
  context: SettleContext,
  refusals: readonly Refusal[],
): Promise<RejectedCommand[]> {
  const { db, domain } = context;
  return db.transaction('rw', [...writeTables(db), db.meta], async () => {
    const reasons = new Map(refusals.map(({ eventId, reason }) => [eventId, reason]));
    // The pending events, read in one range (looking up many ids is far slower), as the rebase
    // reads them too.
    const pending = await pendingEvents(db);
    const forced = new Map<string, string>();
    for (const event of pending) {
      const reason = reasons.get(event.id);
      const key = event.metadata.commandId ?? event.id;
      if (reason !== undefined && !forced.has(key)) forced.set(key, reason);
    }
    if (forced.size === 0) return [];
    // Pending events move: a rebuild under way must start again to see them in their places.
    await restartRebuilds(db, domain.projections);
    return (await rewindAndSettle(context, nothingToSettle(), forced)).rejected;
  });
}
