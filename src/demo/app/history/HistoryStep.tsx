import type { RecordedEvent } from 'logbook';
import { StreamViewCard } from './StreamViewCard';
import { SyncMark } from './SyncMark';
import type { StreamView } from './streamViews';

/** One event of a history: what it did, and the cart or order it left; the raw event on demand. */
export function HistoryStep({
  event,
  summary,
  recordedAt,
  device,
  after,
  place,
  onPick,
}: {
  event: RecordedEvent;
  summary: string;
  recordedAt: string;
  device: string;
  after: StreamView | undefined;
  /** Where the step stands from the one picked for time travel. */
  place: 'earlier' | 'current' | 'later';
  onPick: () => void;
}) {
  return (
    <li data-testid="history-entry" className={place === 'earlier' ? '' : place}>
      <div className="timeline-head">
        <button
          type="button"
          className="badge step"
          aria-label={`Show the state after step ${event.version}`}
          onClick={onPick}
        >
          v{event.version}
        </button>
        <strong>{summary}</strong>
        <SyncMark serverPosition={event.serverPosition} />
      </div>
      <p className="muted">
        <time dateTime={new Date(event.metadata.recordedAt).toISOString()}>{recordedAt}</time> on{' '}
        {device}
      </p>
      <StreamViewCard state={after} />
      <details className="raw-event">
        <summary>Raw event</summary>
        <pre>{JSON.stringify(event, null, 2)}</pre>
      </details>
    </li>
  );
}
