/** What the SQL storage needs of a database driver: the few calls both engines answer alike. */
export interface SqlQueries {
  /** Runs one statement with `$1, $2, ...` parameters and returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlClient extends SqlQueries {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every notification on `channel`; resolves once listening, with a way to
   * stop. A driver that listens again after losing its connection calls `onRelisten` then: what
   * was sent in between is lost.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onRelisten: () => void,
  ): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}
