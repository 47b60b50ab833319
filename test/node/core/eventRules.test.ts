import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LIMITS } from '../../../src/core/limits';
import { findEventProblem, validateNewEvents } from '../../../src/core/validation';

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

describe('validateNewEvents: every envelope held to its strict schema', () => {
  const refusal = (events: unknown[]) => {
    try {
      validateNewEvents(events);
    } catch (error) {
      return { name: (error as Error).name, field: (error as { field?: string }).field };
    }
    return undefined;
  };

  it('refuses a field an event inherits as one it has, and a symbol key, bare events beside them', () => {
    const inheriting = Object.assign(Object.create({ extra: 1 }), { type: 'X', data: {} });
    const bare = { type: 'X', data: {} };
    expect(refusal([bare, inheriting])).toEqual({
      name: 'ValidationError',
      field: 'events[1].extra',
    });
    expect(refusal([bare, { ...bare, [Symbol('tag')]: 1 }])).toEqual({
      name: 'ValidationError',
      field: 'events[1][Symbol(tag)]',
    });
    expect(refusal([bare, Object.assign(Object.create(null), bare)])).toBeUndefined();
  });
});
