import { useHeadPosition } from '../shop';

export function StatusBar({ device }: { device: string }) {
  const head = useHeadPosition();
  const ready = head.status === 'ready';
  return (
    <div className="status" role="status" aria-label="Store status">
      <span className={`pill ${ready ? 'ok' : 'wait'}`} data-testid="worker-status">
        <span className="dot" aria-hidden="true" />
        {ready ? 'Worker ready' : 'Starting…'}
      </span>
      <span className="pill" data-testid="event-count">
        {ready ? `${head.data} ${head.data === 1 ? 'event' : 'events'} stored` : '…'}
      </span>
      <span className="pill muted" title="Each device has its own database and client id">
        Device: {device}
      </span>
    </div>
  );
}
