/** Whether the server has the event yet: pending on this device only, or confirmed at a position. */
export function SyncMark({ serverPosition }: { serverPosition: number | null }) {
  return serverPosition === null ? (
    <span className="badge pending" data-testid="sync-mark">
      pending
    </span>
  ) : (
    <span className="badge confirmed" data-testid="sync-mark">
      confirmed #{serverPosition}
    </span>
  );
}
