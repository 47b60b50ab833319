import { useState } from 'react';
import { SHOP_EVENT_TYPES } from '../../domain/shop';
import { formatTime } from '../format';
import { useClient, useLog } from '../shop';
import { type LogFilterForm, NO_FILTERS, toReadOptions } from './logFilters';

const PAGE_SIZE = 20;

/**
 * The whole log, newest last, filterable by stream, event type, device and time range, a page at
 * a time. Live: events that match appear as they are stored, from any tab or device.
 */
export function LogBrowser() {
  const { clientId } = useClient();
  const [form, setForm] = useState(NO_FILTERS);
  // Where each page shown so far started: Previous goes back one.
  const [starts, setStarts] = useState<number[]>([0]);
  const after = starts.at(-1) ?? 0;
  const page = useLog({ ...toReadOptions(form), after, limit: PAGE_SIZE });

  const change = (field: keyof LogFilterForm) => (event: { target: { value: string } }) => {
    setForm((current) => ({ ...current, [field]: event.target.value }));
    setStarts([0]);
  };

  return (
    <section className="log-browser" aria-label="Event log">
      <form className="log-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Stream
          <input value={form.stream} onChange={change('stream')} placeholder="any, e.g. cart-…" />
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
          <input
            value={form.device}
            onChange={change('device')}
            placeholder="any device id"
            list="known-devices"
          />
          <datalist id="known-devices">
            <option value={clientId}>this device</option>
          </datalist>
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
          </tr>
        </thead>
        <tbody>
          {page.data?.events.map((event) => (
            <tr key={event.id} data-testid="log-row">
              <td>{event.position}</td>
              <td>{formatTime(event.metadata.recordedAt)}</td>
              <td>
                {event.stream} <span className="muted">v{event.version}</span>
              </td>
              <td>{event.type}</td>
              <td>
                {event.metadata.clientId === clientId
                  ? 'this device'
                  : event.metadata.clientId.slice(-8)}
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
