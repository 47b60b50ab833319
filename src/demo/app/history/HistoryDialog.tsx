import { useEffect, useId, useRef, useState } from 'react';
import { summarize } from '../../domain/projections/activity';
import type { ShopEvent } from '../../domain/shop';
import { formatTime } from '../format';
import { useClient, useStream } from '../shop';
import { useStateAt } from './useStateAt';

/** A cart or order whose history is shown: its aggregate, stream, and the dialog's title. */
export interface HistoryTarget {
  aggregate: 'cart' | 'order';
  stream: string;
  title: string;
}

/**
 * The audit trail of one cart or order, with time travel: pick a step (or drag the slider) to
 * see the state as it stood right after that event. Later events stay listed, dimmed.
 */
export function HistoryDialog({ target, onClose }: { target: HistoryTarget; onClose: () => void }) {
  const events = useStream(target.stream);
  const { clientId } = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const sliderId = useId();
  const [picked, setPicked] = useState<number | null>(null);
  const latest = events.data?.length ?? 0;
  const step = Math.min(picked ?? latest, latest);
  const stateAt = useStateAt(target.aggregate, target.stream, step);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="history" aria-label={target.title} onClose={onClose}>
      <div className="panel-head">
        <h2>{target.title}</h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      {latest > 0 && (
        <section className="time-travel" aria-label="State at a step">
          <div className="time-travel-head">
            <label htmlFor={sliderId}>
              Step {step} of {latest}
            </label>
            {step < latest && (
              <button type="button" className="link" onClick={() => setPicked(null)}>
                Back to now
              </button>
            )}
          </div>
          <input
            id={sliderId}
            type="range"
            min={1}
            max={latest}
            value={step}
            onChange={(event) => setPicked(Number(event.target.value))}
          />
          <pre data-testid="state-at-step">
            {stateAt.status === 'ready'
              ? JSON.stringify(stateAt.state, null, 2)
              : stateAt.status === 'error'
                ? stateAt.error.message
                : '…'}
          </pre>
        </section>
      )}
      <ol className="timeline">
        {events.data?.map((event) => (
          <li
            key={event.id}
            data-testid="history-entry"
            className={event.version > step ? 'later' : event.version === step ? 'current' : ''}
          >
            <div className="timeline-head">
              <button
                type="button"
                className="badge step"
                aria-label={`Show the state after step ${event.version}`}
                onClick={() => setPicked(event.version)}
              >
                v{event.version}
              </button>
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
