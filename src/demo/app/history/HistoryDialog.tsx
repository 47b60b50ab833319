import { useEffect, useId, useRef, useState } from 'react';
import { summarize } from '../../domain/projections/activity';
import type { ShopEvent } from '../../domain/shop';
import { formatTime } from '../format';
import { useClient, useStream } from '../shop';
import { deviceLabel, useDeviceNames } from '../thisDevice';
import { HistoryStep } from './HistoryStep';
import { StreamViewCard } from './StreamViewCard';
import { viewsAfterEachStep } from './streamViews';

/** A cart or order whose history is shown: its stream, and the dialog's title. */
export interface HistoryTarget {
  stream: string;
  title: string;
}

/**
 * The audit trail of one cart or order, with time travel: pick a step (or drag the slider) to
 * see the cart or order as it stood right after that event. Later events stay listed, dimmed.
 */
export function HistoryDialog({ target, onClose }: { target: HistoryTarget; onClose: () => void }) {
  const events = useStream(target.stream).data ?? [];
  const { clientId } = useClient();
  const names = useDeviceNames();
  const dialog = useRef<HTMLDialogElement>(null);
  const sliderId = useId();
  const [picked, setPicked] = useState<number | null>(null);
  const latest = events.length;
  const step = Math.min(picked ?? latest, latest);
  const views = viewsAfterEachStep(events);
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
          <div data-testid="state-at-step">
            <StreamViewCard state={views[step - 1]} />
          </div>
        </section>
      )}
      <ol className="timeline">
        {events.map((event, index) => (
          <HistoryStep
            key={event.id}
            event={event}
            summary={summarize(event as unknown as ShopEvent)}
            recordedAt={formatTime(event.metadata.recordedAt)}
            device={deviceLabel(event.metadata.clientId, names, clientId)}
            after={views[index]}
            place={event.version > step ? 'later' : event.version === step ? 'current' : 'earlier'}
            onPick={() => setPicked(event.version)}
          />
        ))}
      </ol>
    </dialog>
  );
}
