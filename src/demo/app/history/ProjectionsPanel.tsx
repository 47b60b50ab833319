import { useState } from 'react';
import { useClient, useProjectionStatus } from '../shop';
import { RebuildProgress } from './RebuildProgress';

/**
 * The read models and how they stand: each one's version, ready, being rebuilt from the log
 * (with a progress bar) or failed (on which event, and why), and a button to replay one from
 * scratch.
 */
export function ProjectionsPanel() {
  const client = useClient();
  const statuses = useProjectionStatus();
  const [asked, setAsked] = useState<string | null>(null);
  const rebuild = async (projection: string) => {
    setAsked(projection);
    await client.rebuildProjection(projection as never).finally(() => setAsked(null));
  };

  return (
    <section className="panel projections" aria-labelledby="projections-title">
      <h2 id="projections-title">Projections</h2>
      <ul className="projection-list">
        {statuses.data?.map((status) => (
          <li key={status.name} data-testid={`projection-${status.name}`}>
            <div className="projection-head">
              <strong>{status.name}</strong>
              <span className="badge">v{status.version}</span>
              <span className={`badge ${status.status}`}>{status.status}</span>
              <button
                type="button"
                className="link"
                disabled={status.status === 'rebuilding' || asked !== null}
                onClick={() => rebuild(status.name)}
              >
                Rebuild
              </button>
            </div>
            {status.status === 'rebuilding' && (
              <RebuildProgress
                projection={status.name}
                processed={status.processed}
                total={status.total}
              />
            )}
            {status.status === 'failed' && (
              <p className="error" role="alert">
                Failed on {status.eventType} <code>{status.eventId}</code>: {status.reason}. It
                takes no events until rebuilt.
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
