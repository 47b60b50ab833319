import { type ChangeEvent, useState } from 'react';
import { useClient } from '../shop';
import { importDeviceHref, syncsWithServer } from '../syncFlag';
import { collectExport, download } from './backup';

type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

/**
 * Export the log as NDJSON (a backup, or a bug report's attachment), or import one into this
 * device while its store is empty. A bad file is refused whole, naming its line.
 */
export function BackupActions() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: await work() });
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const exportLog = () =>
    run(async () => {
      const blob = await collectExport((options) => client.exportLog(options));
      download(blob, `logbook-${new Date().toISOString().slice(0, 19)}.ndjson`);
      return 'Exported the log.';
    });
  const importLog = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => {
      const { imported } = await client.importLog(await file.text());
      return `Imported ${imported} events.`;
    });
  };

  return (
    <div className="backup">
      <div className="actions">
        <button type="button" onClick={exportLog} disabled={busy}>
          Export NDJSON
        </button>
        <label className={`button-like secondary${busy ? ' disabled' : ''}`}>
          Import NDJSON
          <input
            type="file"
            accept=".ndjson,application/x-ndjson,application/json,text/plain"
            onChange={importLog}
            disabled={busy}
            hidden
          />
        </label>
      </div>
      {syncsWithServer() && (
        <p className="muted">
          Import fills an empty device only, and a device that syncs fills from the server as it
          starts.{' '}
          <a href={importDeviceHref()} target="_blank" rel="noreferrer">
            Open a new device that does not sync
          </a>{' '}
          to import a log into.
        </p>
      )}
      {outcome && (
        <p className={outcome.ok ? 'muted' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
