import { defineProjection } from '../../src/core/projection';

export type Incremented = { type: 'Incremented'; data: { counter: string; by: number } };

/** Every increment's id, of every counter, in the order applied: one view that tells orders apart. */
export const timeline = defineProjection<{ ids: string[] }, Incremented>()({
  name: 'timeline',
  version: 1,
  key: () => 'all',
  on: { Incremented: (view, event) => ({ ids: [...(view?.ids ?? []), event.id] }) },
});
