import type { ReadAllOptions } from 'logbook';

/** What the log browser's form holds: empty strings mean "any". */
export interface LogFilterForm {
  /** The start of stream names: `cart-`, or one stream's whole name. */
  stream: string;
  type: string;
  /** A device's client id, picked by its name. */
  device: string;
  /** `datetime-local` values, in the browser's time zone. */
  from: string;
  to: string;
}

export const NO_FILTERS: LogFilterForm = { stream: '', type: '', device: '', from: '', to: '' };

/** The store's read options for a filled-in form: blank fields filter nothing. */
export function toReadOptions(form: LogFilterForm): ReadAllOptions {
  const options: ReadAllOptions = {};
  if (form.stream.trim()) options.streamPrefix = form.stream.trim();
  if (form.type) options.types = [form.type];
  if (form.device) options.clientId = form.device;
  if (form.from) options.recordedFrom = new Date(form.from).getTime();
  // A minute picked as the end includes the whole of that minute.
  if (form.to) options.recordedTo = new Date(form.to).getTime() + 59_999;
  return options;
}
