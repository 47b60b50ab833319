/** Gives a current token, sent as `Authorization: Bearer <token>`. */
export type TokenFunction = () => string | Promise<string>;

/** How a store syncs with a server (`exposeStore`'s `sync`, and the client's part of it). */
export interface SyncOptions {
  /** The sync server's base URL, e.g. 'https://sync.example.com'; default: the worker's origin. */
  url?: string;
  /**
   * Returns a current token (sent as Bearer). Called before requests as needed; called again after
   * a 401, and the request retried once with the new token; refused again -> state 'unauthorized'.
   */
  token?: TokenFunction;
  /** The scopes this device syncs (default ['default']). More than one needs the domain's `scopeOf`. */
  scopes?: readonly string[];
  /** Worker side only: how requests are sent (the in-browser mock's `createMockFetch(...)`). */
  fetch?: typeof fetch;
  /** Sync this often while a scope's live stream is down (ms; 0 turns polling off). */
  intervalMs?: number;
}

/** What the main thread may give (functions cross the worker boundary via Comlink.proxy). */
export type ClientSyncOptions = Pick<SyncOptions, 'url' | 'token' | 'scopes' | 'intervalMs'>;
