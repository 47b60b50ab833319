import { defineProjection } from 'logbook';

export type Incremented = { type: 'Incremented'; data: { counter: string; by: number } };

/**
 * Keyed on what only the write gives an event (its version), so an append's views cannot be
 * guessed ahead of it and are read after the events are added.
 */
export const byVersionParity = defineProjection<{ count: number }, Incremented>()({
  name: 'byVersionParity',
  version: 1,
  key: (event) => (event.version % 2 === 0 ? 'even' : 'odd'),
  on: { Incremented: (view) => ({ count: (view?.count ?? 0) + 1 }) },
});
