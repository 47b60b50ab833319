import { useEffect, useRef } from 'react';
import { summarize } from '../../domain/projections/activity';
import type { ShopEvent } from '../../domain/shop';
import { formatTime } from '../format';
import { useClient, useStream } from '../shop';

/** The audit trail of one cart or order: every event, in order, with when, what and from where. */
export function HistoryDialog({
  stream,
  title,
  onClose,
}: {
  stream: string;
  title: string;
  onClose: () => void;
}) {
  const events = useStream(stream);
  const { clientId } = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="history" aria-label={title} onClose={onClose}>
      <div className="panel-head">
        <h2>{title}</h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <ol className="timeline">
        {events.data?.map((event) => (
          <li key={event.id} data-testid="history-entry">
            <div className="timeline-head">
              <span className="badge">v{event.version}</span>
              <strong>{event.type}</strong>
              <span className={`badge ${event.serverPosition === null ? 'pending' : 'confirmed'}`}>
                {event.serverPosition === null ? 'pending' : `confirmed #${event.serverPosition}`}
              </span>
              <time dateTime={new Date(event.metadata.recordedAt).toISOString()}>
                {formatTime(event.metadata.recordedAt)}
              </time>
            </div>
            <p>{summarize(event as unknown as ShopEvent)}</p>
            <p className="muted">
              Device{' '}
              {event.metadata.clientId === clientId
                ? 'this device'
                : event.metadata.clientId.slice(-8)}
            </p>
            <pre>{JSON.stringify(event.data, null, 2)}</pre>
          </li>
        ))}
      </ol>
    </dialog>
  );
}
