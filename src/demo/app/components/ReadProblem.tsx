import { isLogbookError } from 'logbook';
import { RebuildProgress } from '../history/RebuildProgress';

/**
 * Why a live read has no data: a projection being rebuilt says how far it has got, instead of
 * the panel looking empty; anything else is shown as the error it is.
 */
export function ReadProblem({ error }: { error: Error | null }) {
  if (!error) return null;
  if (isLogbookError(error, 'ProjectionRebuildingError')) {
    return (
      <div className="notice" role="status">
        <p>Rebuilding {error.projection} from the event log…</p>
        <RebuildProgress {...error} />
      </div>
    );
  }
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  );
}
