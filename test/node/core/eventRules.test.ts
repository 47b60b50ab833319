import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LIMITS } from '../../../src/core/limits';
import { findEventProblem } from '../../../src/core/validation';

const schemas = new Map([['ItemAdded', z.object({ sku: z.string(), quantity: z.number() })]]);

describe('findEventProblem: the rules every event is held to', () => {
  it('accepts a good event', () => {
    expect(
      findEventProblem({ type: 'ItemAdded', data: { sku: 'a', quantity: 1 } }, 'e', { schemas }),
    ).toBeUndefined();
  });

  it('names the field and the reason of each kind of problem', () => {
    const problem = (event: { type: unknown; data: unknown }) => {
      const error = findEventProblem(event, 'events[0]', { schemas });
      return error && { name: error.name, field: error.field };
    };
    expect(problem({ type: 'x'.repeat(LIMITS.maxTypeLength + 1), data: {} })).toEqual({
      name: 'ValidationError',
      field: 'events[0].type',
    });
    expect(problem({ type: 'ItemAdded', data: {} })?.field).toBe('events[0].data.sku');
    expect(problem({ type: 'toString', data: {} })?.field).toBe('events[0].type');
    expect(problem({ type: '__proto__', data: {} })?.field).toBe('events[0].type');
    expect(problem({ type: 'ItemAdded', data: undefined })?.field).toBe('events[0].data');
    const big = { sku: 'x'.repeat(LIMITS.maxEventBytes), quantity: 1 };
    expect(problem({ type: 'ItemAdded', data: big })?.field).toBe('events[0].data');
  });

  it('checks events of an older schema version in their current shape', () => {
    const upcasters = {
      ItemAdded: { 1: (data: unknown) => ({ ...(data as object), quantity: 1 }) },
    };
    const old = { type: 'ItemAdded', data: { sku: 'a' }, metadata: { schemaVersion: 1 } };
    expect(findEventProblem(old, 'e', { schemas, upcasters })).toBeUndefined();
    expect(findEventProblem(old, 'e', { schemas })?.field).toBe('e.data.quantity');
  });

  it('checks any type when the domain declares no event schemas', () => {
    expect(findEventProblem({ type: 'Anything', data: { a: 1 } }, 'e')).toBeUndefined();
  });
});
