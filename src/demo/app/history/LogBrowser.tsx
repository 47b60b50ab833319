import { useState } from 'react';
import { SHOP_EVENT_TYPES } from '../../domain/shop';
import { formatTime } from '../format';
import { useClient, useLog } from '../shop';
import { deviceLabel, useDeviceNames } from '../thisDevice';
import { type LogFilterForm, NO_FILTERS, toReadOptions } from './logFilters';
import { SyncMark } from './SyncMark';

const PAGE_SIZE = 20;

/**
 * The whole log, newest last, filterable by the start of stream names, event type, device (by
 * name) and time range, a page at a time. Live: events that match appear as they are stored,
 * from any tab or device; each says whether the server has it yet.
 */
export function LogBrowser() {
  const { clientId } = useClient();
  const names = useDeviceNames();
  const [form, setForm] = useState(NO_FILTERS);
  // Where each page shown so far started: Previous goes back one.
  const [starts, setStarts] = useState<number[]>([0]);
  const after = starts.at(-1) ?? 0;
  const page = useLog({ ...toReadOptions(form), after, limit: PAGE_SIZE });
  const devices = names.has(clientId) ? [...names.keys()] : [clientId, ...names.keys()];

  const change = (field: keyof LogFilterForm) => (event: { target: { value: string } }) => {
    setForm((current) => ({ ...current, [field]: event.target.value }));
    setStarts([0]);
  };

  return (
    <section className="log-browser" aria-label="Event log">
      <form className="log-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Stream starts with
          <input
            value={form.stream}
            onChange={change('stream')}
            placeholder="any, e.g. shop-ada/cart-"
          />
        </label>
        <label>
          Event type
          <select value={form.type} onChange={change('type')}>
            <option value="">any</option>
            {SHOP_EVENT_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </label>
        <label>
          Device
          <select value={form.device} onChange={change('device')} aria-label="Device">
            <option value="">any</option>
            {devices.map((id) => (
              <option key={id} value={id}>
                {deviceLabel(id, names, clientId)}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="datetime-local" value={form.from} onChange={change('from')} />
        </label>
        <label>
          To
          <input type="datetime-local" value={form.to} onChange={change('to')} />
        </label>
      </form>
      {page.status === 'error' && (
        <p className="error" role="alert">
          {page.error.message}
        </p>
      )}
      <table className="log-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Recorded</th>
            <th>Stream</th>
            <th>Event</th>
            <th>Device</th>
            <th>Sync</th>
          </tr>
        </thead>
        <tbody>
          {page.data?.events.map((event) => (
            <tr key={event.id} data-testid="log-row">
              <td>{event.position}</td>
              <td>{formatTime(event.metadata.recordedAt)}</td>
              <td className="log-stream">
                {event.stream} <span className="muted">v{event.version}</span>
              </td>
              <td>{event.type}</td>
              <td>{deviceLabel(event.metadata.clientId, names, clientId)}</td>
              <td>
                <SyncMark serverPosition={event.serverPosition} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data?.events.length === 0 && <p className="empty">No events match.</p>}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={starts.length === 1}
          onClick={() => setStarts((current) => current.slice(0, -1))}
        >
          Previous
        </button>
        <span className="muted" data-testid="log-page">
          Page {starts.length}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={!page.data?.hasMore}
          onClick={() => page.data && setStarts((current) => [...current, page.data.lastPosition])}
        >
          Next
        </button>
      </div>
    </section>
  );
}
