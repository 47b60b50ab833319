import type { RecordedEvent } from '../../src/core/events';

/** Pending events one command recorded (together, in one write), or one event appended without a command. */
export interface CommandGroup {
  commandId: string | null;
  events: RecordedEvent[];
}

/**
 * Pending events grouped by the command that recorded them, in the order the work was done. A
 * command's events are written in one transaction, so they lie next to each other in the log.
 */
export function groupByCommand(events: readonly RecordedEvent[]): CommandGroup[] {
  const groups: CommandGroup[] = [];
  for (const event of events) {
    const commandId = event.metadata.commandId;
    const last = groups.at(-1);
    if (last && last.commandId === commandId && commandId !== null) last.events.push(event);
    else groups.push({ commandId, events: [event] });
  }
  return groups;
}
