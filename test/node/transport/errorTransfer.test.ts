import * as Comlink from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { errorClasses, type LogbookErrorName } from '../../../src/core/errors';
import {
  errorToPlain,
  keepErrorDetailsAcrossComlink,
  plainToError,
} from '../../../src/transport/errorTransfer';

/** One error of every class, with every field set (a class added without one fails to compile). */
const details: { [N in LogbookErrorName]: ConstructorParameters<(typeof errorClasses)[N]>[0] } = {
  ValidationError: { field: 'events[0].data', reason: 'is not JSON' },
  WrongExpectedVersionError: { stream: 'cart-1', expected: 3, actual: 4 },
  CommandRejectedError: { reason: 'The cart is empty', commandType: 'CheckOut', commandId: 'c-1' },
  EventIdConflictError: { eventId: 'e-1' },
  ProjectionFailedError: {
    projection: 'carts',
    eventId: 'e-1',
    eventType: 'ItemAdded',
    reason: 'boom',
  },
  StoreVersionError: { database: 'shop' },
  ImportError: { line: 7, reason: 'is not JSON' },
  ProjectionRebuildingError: { projection: 'orders', processed: 10, total: 20 },
  CommandConflictError: {
    commandType: 'AddItem',
    commandId: 'c-2',
    stream: 'cart-1',
    attempts: 10,
    waitedMs: 2_000,
  },
  SyncHttpError: {
    status: 400,
    error: 'ValidationError',
    reason: 'type is too long',
    field: 'streams[0].events[0].type',
  },
  SyncNetworkError: { reason: 'Failed to fetch' },
  UnauthorizedError: { reason: 'the token has expired' },
  ForbiddenError: { sub: 'alice', scope: 'shop-2', reason: 'the token does not grant this scope' },
  RateLimitedError: { retryAfterSeconds: 3 },
  StorageUnavailableError: { reason: 'connection refused' },
};

const names = Object.keys(errorClasses) as LogbookErrorName[];
const make = (name: LogbookErrorName): Error =>
  new (errorClasses[name] as new (fields: unknown) => Error)(details[name]);

/** What a caller can see of an error: its class, name, message and fields (the stack aside). */
const seen = (error: Error) => {
  const { stack: _, message: __, ...fields } = { ...error } as Record<string, unknown>;
  return { prototype: Object.getPrototypeOf(error), message: error.message, fields };
};

describe('errors across the worker boundary', () => {
  it.each(names)('%s keeps its class and fields through errorToPlain and plainToError', (name) => {
    const error = make(name);
    expect(seen(plainToError(errorToPlain(error)))).toEqual(seen(error));
    expect(plainToError(errorToPlain(error))).toBeInstanceOf(errorClasses[name]);
  });

  const channel = new MessageChannel();
  keepErrorDetailsAcrossComlink();
  Comlink.expose(
    {
      fail(name: LogbookErrorName) {
        throw make(name);
      },
    },
    channel.port1,
  );
  const remote = Comlink.wrap<{ fail(name: LogbookErrorName): void }>(channel.port2);
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it.each(names)(
    '%s thrown on one side of Comlink arrives as itself on the other',
    async (name) => {
      const thrown = await Promise.resolve(remote.fail(name)).catch((error: Error) => error);
      expect(thrown).toBeInstanceOf(errorClasses[name]);
      expect(seen(thrown as Error)).toEqual(seen(make(name)));
    },
  );
});
