/** How far a projection's rebuild from the log has got. */
export function RebuildProgress({
  projection,
  processed,
  total,
}: {
  projection: string;
  processed: number;
  total: number;
}) {
  return (
    <div className="rebuild-progress">
      <progress
        value={processed}
        max={Math.max(total, 1)}
        aria-label={`Rebuilding ${projection}`}
      />
      <span className="muted">
        {processed} of {total} events
      </span>
    </div>
  );
}
