import type { SyncStatus } from 'logbook';
import type { FaultSettings } from 'logbook/mock';
import { useState } from 'react';
import { formatTime } from '../format';
import { useClient, useSyncSummary } from '../shop';
import { useShop } from '../signin/session';
import type { SyncMode } from '../signin/syncMode';

const STATE_LABEL: Record<SyncStatus['state'], string> = {
  idle: 'Online',
  syncing: 'Syncing…',
  offline: 'Offline',
  unauthorized: 'Signed out',
  error: 'Sync error',
};

/** On the mock, "online" would say nothing true: the server it reaches is in this browser. */
const labelOf = (state: SyncStatus['state'], mode: SyncMode) => {
  if (mode === 'off') return 'Does not sync';
  return state === 'idle' && mode === 'mock' ? 'Server in this browser' : STATE_LABEL[state];
};

const NO_FAULTS: FaultSettings = {
  offline: false,
  latencyMs: 0,
  failureRate: 0,
  dropResponseRate: 0,
};

/**
 * Sync with the Logbook server, or the mock one in this browser: status, pending work, and (on
 * the mock) the simulated network. What sync undid is listed apart, in words (`Rejections`).
 */
export function SyncPanel({ device }: { device: string }) {
  const client = useClient();
  const { mode, signInAgain } = useShop();
  const summary = useSyncSummary();
  const [network, setNetwork] = useState(NO_FAULTS);
  const [syncing, setSyncing] = useState(false);
  const status = summary.data?.status;
  const state = network.offline ? 'offline' : (status?.state ?? 'idle');

  const simulate = async (settings: Partial<FaultSettings>) => {
    setNetwork((current) => ({ ...current, ...settings }));
    setNetwork(await client.extension.network(settings));
  };
  const syncNow = async () => {
    setSyncing(true);
    // A failed sync is shown from the status, which every tab reads.
    await client
      .syncNow()
      .catch(() => undefined)
      .finally(() => setSyncing(false));
  };
  const otherDevice = device === 'this-device' ? 'second-device' : 'this-device';

  return (
    <section className="panel sync" aria-labelledby="sync-title">
      <div className="panel-head">
        <h2 id="sync-title">Sync</h2>
        <span className={`badge sync-${state}`} data-testid="sync-state">
          {labelOf(state, mode)}
        </span>
      </div>
      <dl className="sync-facts">
        <div>
          <dt>Pending</dt>
          <dd data-testid="pending-count">{summary.data?.pending ?? '…'}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd>{status?.lastSyncAt ? formatTime(status.lastSyncAt) : 'never'}</dd>
        </div>
      </dl>
      <p className="muted" data-testid="sync-leader">
        {status?.leader === client.tabId
          ? 'This tab syncs for the device'
          : 'Another tab of this device syncs'}
      </p>
      {status?.lastError && state !== 'idle' && (
        <p className="muted" data-testid="sync-error">
          {status.lastError}{' '}
          {status.nextSyncAt
            ? `Trying again at ${formatTime(status.nextSyncAt)}.`
            : 'Not trying again until the next change or Sync now.'}
        </p>
      )}
      <div className="actions">
        {state === 'unauthorized' && (
          <button type="button" onClick={signInAgain}>
            Sign in again
          </button>
        )}
        <button type="button" onClick={syncNow} disabled={syncing || network.offline}>
          Sync now
        </button>
        <a className="button-link" href={`?device=${otherDevice}`} target="_blank" rel="noreferrer">
          Open {otherDevice}
        </a>
      </div>
      {mode === 'mock' && (
        <fieldset className="network">
          <legend>Simulated network</legend>
          <label className="switch">
            <input
              type="checkbox"
              checked={network.offline}
              onChange={(event) => simulate({ offline: event.target.checked })}
            />
            Take this device offline
          </label>
          <label>
            Latency
            <select
              value={network.latencyMs}
              onChange={(event) => simulate({ latencyMs: Number(event.target.value) })}
            >
              <option value={0}>none</option>
              <option value={300}>300 ms</option>
              <option value={1500}>1.5 s</option>
            </select>
          </label>
          <label>
            Failures
            <select
              value={network.failureRate}
              onChange={(event) => simulate({ failureRate: Number(event.target.value) })}
            >
              <option value={0}>none</option>
              <option value={0.3}>30%</option>
              <option value={0.7}>70%</option>
            </select>
          </label>
        </fieldset>
      )}
    </section>
  );
}
