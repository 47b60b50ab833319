import type { RejectedCommand } from 'logbook';
import { useState } from 'react';
import { shopDomain } from '../../domain/shop';
import { viewsAfterEachStep } from '../history/streamViews';
import { useClient, useStream, useSyncSummary } from '../shop';
import { deviceLabel, useDeviceNames, useThisDeviceName } from '../thisDevice';
import { type CommandNote, readNotes } from './commandNotes';
import { dismiss, readDismissed } from './dismissed';
import { RejectionCard } from './RejectionCard';

/** The most rejections shown at once, newest first; older ones wait until these are dismissed. */
export const MAX_SHOWN = 3;

/** Command ids are UUIDv7s, which sort by time: the newest rejections first. */
export function newestRejections(
  rejected: readonly RejectedCommand[],
  dismissed: ReadonlySet<string>,
): RejectedCommand[] {
  return rejected
    .filter((rejection) => !dismissed.has(rejection.commandId))
    .sort((a, b) => (a.commandId < b.commandId ? 1 : -1));
}

/** Every shop command belongs to one of the shop's aggregates, which names its stream. */
const streamOfCommand = (command: CommandNote['command']): string =>
  (
    shopDomain.aggregates.find((aggregate) =>
      Object.hasOwn(aggregate.commands, command.type),
    ) as (typeof shopDomain.aggregates)[number]
  ).streamOf(command as never);

/** Changes of this device that sync undid, said in words, each dismissible. */
export function Rejections() {
  const client = useClient();
  const summary = useSyncSummary();
  const ownName = useThisDeviceName();
  const [dismissed, setDismissed] = useState(() => readDismissed(localStorage, client.clientId));
  const rejected = summary.data?.rejected ?? [];
  const open = newestRejections(rejected, dismissed);
  if (open.length === 0) return null;
  const notes = readNotes(localStorage, client.clientId);
  const stillRejected = rejected.map((rejection) => rejection.commandId);

  return (
    <section className="panel rejections" aria-labelledby="rejections-title">
      <h2 id="rejections-title">Undone after sync</h2>
      <ul className="rejection-list">
        {open.slice(0, MAX_SHOWN).map((rejection) => {
          const note = notes[rejection.commandId];
          const onDismiss = () =>
            setDismissed(
              dismiss(localStorage, client.clientId, rejection.commandId, stillRejected),
            );
          return note ? (
            <RejectionEntry
              key={rejection.commandId}
              rejected={rejection}
              note={note}
              onDismiss={onDismiss}
            />
          ) : (
            <RejectionCard
              key={rejection.commandId}
              facts={{ rejected: rejection, madeOn: ownName }}
              onDismiss={onDismiss}
            />
          );
        })}
      </ul>
      {open.length > MAX_SHOWN && (
        <p className="muted">{open.length - MAX_SHOWN} older, shown as you dismiss these.</p>
      )}
    </section>
  );
}

/** One rejection with what its stream says now: the cart or order, and who changed it first. */
function RejectionEntry({
  rejected,
  note,
  onDismiss,
}: {
  rejected: RejectedCommand;
  note: CommandNote;
  onDismiss: () => void;
}) {
  const { clientId } = useClient();
  const names = useDeviceNames();
  const ownName = useThisDeviceName();
  const events = useStream(streamOfCommand(note.command)).data ?? [];
  const theirs = events.findLast((event) => event.metadata.clientId !== clientId);
  const now = viewsAfterEachStep(events).at(-1);
  return (
    <RejectionCard
      facts={{
        rejected,
        note,
        context: now?.kind === 'cart' ? { cart: now.view } : { order: now?.view },
        madeOn: ownName,
        conflictWith: theirs && deviceLabel(theirs.metadata.clientId, names, clientId),
      }}
      onDismiss={onDismiss}
    />
  );
}
