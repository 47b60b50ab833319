import { liveQuery } from 'dexie';
import type { EventHandler, SubscribeOptions, Unsubscribe } from '../../src/core/store';
import type { LogbookDatabase } from '../db/database';
import { headPosition, readAll } from './readLog';

const SUBSCRIPTION_PAGE = 200;

/**
 * Catch-up, then live: pages through the log after `after`, then waits for the log's head to move.
 * Dexie's liveQuery tells us when it does, whichever store (or tab) wrote, so there is no polling.
 * Events reach the handler one at a time and in order, never twice.
 */
export function subscribeToLog(
  db: LogbookDatabase,
  handler: EventHandler,
  { after = 0, types, onError }: SubscribeOptions = {},
): Unsubscribe {
  let cursor = after;
  let stopped = false;
  let running = false;
  let headMoved = false;

  const deliverAll = async () => {
    if (running) {
      headMoved = true;
      return;
    }
    running = true;
    try {
      do {
        headMoved = false;
        let page: Awaited<ReturnType<typeof readAll>>;
        do {
          page = await readAll(db, { after: cursor, limit: SUBSCRIPTION_PAGE, types });
          for (const event of page.events) {
            if (stopped) return;
            await handler(event);
            cursor = event.position;
          }
          cursor = page.lastPosition;
        } while (page.hasMore && !stopped);
      } while (headMoved && !stopped);
    } catch (error) {
      stopped = true;
      subscription.unsubscribe();
      onError?.(error);
    } finally {
      running = false;
    }
  };

  const subscription = liveQuery(() => headPosition(db)).subscribe({
    next: () => void deliverAll(),
    error: (error) => onError?.(error),
  });
  return () => {
    stopped = true;
    subscription.unsubscribe();
  };
}
