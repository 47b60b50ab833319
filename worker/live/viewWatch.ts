import { type Json, jsonEqual } from '../../src/core/json';
import { errorToPlain } from '../../src/transport/errorTransfer';
import type { LiveResult } from '../../src/transport/workerApi';
import type { ViewChanges, WrittenRows } from './viewChanges';

/** Returned by `ViewQuery.patched` when only a read can tell the new result. */
export const READ_AGAIN = Symbol('read again');

/** A result brought up to date from written rows, and what the watcher is sent of the change. */
export interface Patched<R> {
  result: R;
  /** Undefined when the watcher is shown what it was shown before. */
  change: LiveResult | undefined;
}

/** A query of one projection's views, as a live read keeps it: `R` is what it holds. */
export interface ViewQuery<R> {
  readonly projection: string;
  /** Reads the result from IndexedDB. */
  read(): Promise<R>;
  /** The result after `rows` (of this projection) were committed, when they alone tell it. */
  patched(held: R, rows: WrittenRows): Patched<R> | typeof READ_AGAIN;
  /** What the watcher is sent for a result read. */
  valueOf(held: R): unknown;
}

type Held<R> = { result: R } | { error: Error };

/**
 * Keeps one query's result up to date and sends it to `onChange` each time it changes: read
 * once, then patched from each committed change of its projection whose rows tell the new
 * result (sending what the query says of the change), read again from IndexedDB when they do
 * not. Its results never go backwards: a change that arrives while a read is on its way may or
 * may not be in what the read saw, so the read's result is dropped and it reads again. Nothing
 * is sent when the watcher would be shown what it is shown already: what it is shown is always
 * the held result's value.
 */
export class ViewWatch<R> {
  readonly #query: ViewQuery<R>;
  readonly #onChange: (result: LiveResult) => void;
  #held: Held<R> | undefined;
  #reading = false;
  /** A change arrived while reading: the read may have missed it. */
  #stale = false;
  #stopped = false;

  constructor(query: ViewQuery<R>, onChange: (result: LiveResult) => void) {
    this.#query = query;
    this.#onChange = onChange;
    void this.#read();
  }

  changed(changes: ViewChanges): void {
    const { projection } = this.#query;
    const rows = changes.rows.get(projection);
    const unknown = changes.unknown(projection);
    if (this.#stopped || (!rows && !unknown)) return;
    if (this.#reading) {
      this.#stale = true;
      return;
    }
    const held = this.#held;
    const patched =
      unknown || !rows || !held || 'error' in held
        ? READ_AGAIN
        : this.#query.patched(held.result, rows);
    if (patched === READ_AGAIN) {
      void this.#read();
      return;
    }
    this.#held = { result: patched.result };
    if (patched.change) this.#onChange(patched.change);
  }

  stop(): void {
    this.#stopped = true;
  }

  async #read(): Promise<void> {
    this.#reading = true;
    let held: Held<R>;
    do {
      this.#stale = false;
      held = await this.#query.read().then(
        (result) => ({ result }),
        (error: Error) => ({ error }),
      );
    } while (this.#stale && !this.#stopped);
    this.#reading = false;
    if (!this.#stopped) this.#hold(held);
  }

  #hold(held: Held<R>): void {
    const shown = this.#held && this.#resultOf(this.#held);
    this.#held = held;
    const result = this.#resultOf(held);
    if (!shown || !sameResult(shown, result)) this.#onChange(result);
  }

  #resultOf(held: Held<R>): LiveResult {
    return 'error' in held
      ? { error: errorToPlain(held.error) }
      : { value: this.#query.valueOf(held.result) };
  }
}

/** Equal values, or equal errors (their stacks aside: the same error read twice has two). */
function sameResult(a: LiveResult, b: LiveResult): boolean {
  if ('value' in a && 'value' in b) return jsonEqual(a.value as Json, b.value as Json);
  if ('error' in a && 'error' in b) {
    const { stack: _, ...first } = a.error;
    const { stack: __, ...second } = b.error;
    return jsonEqual(first as Json, second as Json);
  }
  return false;
}
