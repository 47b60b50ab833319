import { type TransferHandler, transferHandlers } from 'comlink';
import { errorClasses } from '../core/errors';

/** What crosses the boundary for a thrown error: its name, message, stack and every own field. */
export type PlainError = { name: string; message: string; stack?: string } & Record<
  string,
  unknown
>;

interface SerializedThrow {
  isError: boolean;
  value: unknown;
}

export function errorToPlain(error: Error): PlainError {
  return { ...error, name: error.name, message: error.message, stack: error.stack };
}

/** Rebuilds a Logbook error as an instance of its own class; any other error as an `Error`. */
export function plainToError(plain: PlainError): Error {
  const errorClass = errorClasses[plain.name as keyof typeof errorClasses];
  const error: Error = errorClass ? Object.create(errorClass.prototype) : new Error(plain.message);
  return Object.assign(error, plain);
}

/**
 * Comlink sends only an error's name, message and stack; this keeps its fields too (a
 * `WrongExpectedVersionError`'s stream and versions, a `ValidationError`'s field), so the UI can
 * tell errors apart by name and show their details. Install it on both sides of the boundary.
 */
export function keepErrorDetailsAcrossComlink(): void {
  const builtIn = transferHandlers.get('throw') as TransferHandler<
    { value: unknown },
    SerializedThrow
  >;
  if ((builtIn as { keepsDetails?: boolean }).keepsDetails) return;
  const detailed: TransferHandler<{ value: unknown }, SerializedThrow> & { keepsDetails: true } = {
    keepsDetails: true,
    canHandle: builtIn.canHandle,
    serialize: ({ value }) =>
      value instanceof Error
        ? [{ isError: true, value: errorToPlain(value) }, []]
        : builtIn.serialize({ value }),
    deserialize: (serialized) => {
      if (serialized.isError) throw plainToError(serialized.value as PlainError);
      return builtIn.deserialize(serialized);
    },
  };
  transferHandlers.set('throw', detailed);
}
