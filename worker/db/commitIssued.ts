import type { Transaction } from 'dexie';

/**
 * Fast path: commits a read-write transaction as soon as its last request is issued, rather than
 * once the last answer has come back to JavaScript and the task around it has ended, which costs a
 * round trip to IndexedDB's process on every write.
 *
 * Invariant, for the caller to keep: nothing is requested in the transaction after this, and
 * every request still unanswered is one that cannot fail on its own: a put into a table with no
 * unique index, or an add of a key this transaction read as absent. IndexedDB fails a single
 * request only on a constraint or an invalid key (the latter thrown as the request is made), and
 * Dexie takes every failed request's event so as to abort the transaction itself, which a
 * transaction already committing could no longer do: what may still fail here can only fail as
 * the whole transaction's abort, which takes back every write as before.
 *
 * A transaction inside another is the outer one's to commit, and is left to it.
 */
export function commitIssued(transaction: Transaction): void {
  if (transaction.parent || !transaction.active) return;
  transaction.idbtrans.commit?.();
}
