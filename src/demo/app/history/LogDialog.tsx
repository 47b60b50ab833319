import { useEffect, useRef } from 'react';
import { BackupActions } from './BackupActions';
import { LogBrowser } from './LogBrowser';

/** The whole event log of this device: browse and filter it, export it, import one. */
export function LogDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="history log" aria-label="Event log" onClose={onClose}>
      <div className="panel-head">
        <h2>Event log</h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <LogBrowser />
      <BackupActions />
    </dialog>
  );
}
