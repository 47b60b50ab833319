import type { RejectedCommand } from 'logbook';
import { formatClock } from '../format';
import type { CommandNote } from './commandNotes';
import { describeCommand, type RejectionContext } from './describeRejection';

export interface RejectionFacts {
  rejected: RejectedCommand;
  /** The command as this device sent it, when the UI still has it. */
  note?: CommandNote;
  context?: RejectionContext;
  /** The device whose change was undone (this one), by name. */
  madeOn: string;
  /** The other device whose change came first, when the stream says so. */
  conflictWith?: string;
}

/** One rejected change in a person's words: what was undone, why, when, and whose change won. */
export function RejectionCard({
  facts,
  onDismiss,
}: {
  facts: RejectionFacts;
  onDismiss: () => void;
}) {
  const { rejected, note, context, madeOn, conflictWith } = facts;
  const what = note ? describeCommand(note.command, context) : `a change (${rejected.type})`;
  return (
    <li className="rejection" data-testid="rejection">
      <div className="rejection-text">
        <p>
          <strong>Undone: {what}.</strong>
        </p>
        <p>{rejected.reason}.</p>
        <p className="muted">
          Made on {madeOn}
          {note && (
            <>
              {' '}
              at <time dateTime={new Date(note.at).toISOString()}>{formatClock(note.at)}</time>
            </>
          )}
          {conflictWith && `; ${conflictWith} changed it first`}.
        </p>
      </div>
      <button type="button" className="link" onClick={onDismiss} aria-label={`Dismiss: ${what}`}>
        ×
      </button>
    </li>
  );
}
