import type { Domain } from '../core/domain';
import { type Json, jsonEqual } from '../core/json';
import type { LocalStore } from '../core/store';
import type { ServerEvent } from '../core/syncProtocol';
import { mismatch } from './mismatch';
import { assertProjectionsMatchReplay, logInReplayOrder, wholeLog } from './replayLog';

interface Device {
  name: string;
  store: LocalStore;
}

/** What a log says, without local positions: the same on every device and the server once they agree. */
export type LogRow = [
  id: string,
  stream: string,
  version: number,
  serverPosition: number | null,
  type: string,
  data: Json,
];

/** A store's log in replay order, as `LogRow`s. */
export async function logRows(store: LocalStore): Promise<LogRow[]> {
  return (await logInReplayOrder(store)).map((e) => [
    e.id,
    e.stream,
    e.version,
    e.serverPosition,
    e.type,
    e.data,
  ]);
}

const serverRows = (log: ServerEvent[]): LogRow[] =>
  log.map((e) => [e.id, e.stream, e.version, e.position, e.type, e.data]);

/** Every device holds the server's log in server order (nothing pending), and projections equal to its replay. */
export async function assertConvergedWith(
  serverLog: ServerEvent[],
  devices: Device[],
  domain: Domain,
): Promise<void> {
  const expected = serverRows(serverLog);
  for (const device of devices) {
    const actual = await logRows(device.store);
    const at = Math.max(expected.length, actual.length);
    const differs = Array.from({ length: at }, (_, i) => i).find(
      (i) => !jsonEqual(actual[i] ?? null, expected[i] ?? null),
    );
    if (differs !== undefined) {
      throw mismatch(
        `Device ${device.name} has not converged: its log (${actual.length} events) differs from the server's (${expected.length}) at event ${differs} (rows are [id, stream, version, serverPosition, type, data])`,
        { expected: expected[differs] ?? null, actual: actual[differs] ?? null },
      );
    }
    await assertProjectionsMatchReplay(device.store, domain).catch((error: Error) => {
      throw Object.assign(error, { message: `Device ${device.name}: ${error.message}` });
    });
  }
}

function duplicateOf(ids: string[]): string | undefined {
  const seen = new Set<string>();
  return ids.find((id) => seen.has(id) || !seen.add(id));
}

/**
 * Each issued command is on the server or rejected on some device, never both, and no event id
 * is twice on the server or in a device's log.
 */
export async function assertNothingLostOrDuplicatedOn(
  serverLog: ServerEvent[],
  devices: Device[],
  issuedCommandIds: Iterable<string>,
): Promise<void> {
  const twiceOnServer = duplicateOf(serverLog.map((e) => e.id));
  if (twiceOnServer) throw new Error(`Event ${twiceOnServer} is twice on the server`);
  const rejected = new Set<string>();
  for (const device of devices) {
    const twice = duplicateOf((await wholeLog(device.store)).map((e) => e.id));
    if (twice) throw new Error(`Event ${twice} is twice in the log of device ${device.name}`);
    for (const r of (await device.store.syncSummary()).rejected) rejected.add(r.commandId);
  }
  const onServer = new Set(serverLog.map((e) => e.metadata.commandId));
  for (const commandId of issuedCommandIds) {
    if (!onServer.has(commandId) && !rejected.has(commandId)) {
      throw new Error(
        `Command ${commandId} was lost: not on the server, not rejected on any device`,
      );
    }
    if (onServer.has(commandId) && rejected.has(commandId)) {
      throw new Error(`Command ${commandId} is on the server and also rejected on a device`);
    }
  }
}
