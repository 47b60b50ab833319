import type { TokenFunction } from '../../src/transport/syncOptions';

/**
 * The tokens a device sends: the token function's last answer, kept until the server refuses it
 * (so a function living on the main thread is not asked before every request).
 */
export interface TokenSource {
  /** The token to send: the last one given, or a new one when there is none yet. */
  current(): Promise<string>;
  /**
   * A new token, after the server refused `refused` (401). Requests refused together share one
   * answer: asked again only if `refused` is still the current token.
   */
  renew(refused: string): Promise<string>;
  /** The token last given (undefined before the first), for telling whether a new one came. */
  lastGiven(): string | undefined;
}

export function tokenSource(ask: TokenFunction): TokenSource {
  let asking: Promise<string> | undefined;
  let given: string | undefined;
  /** The refused token the function is being asked to replace, until it answers. */
  let replacing: string | undefined;
  const askAgain = (refused?: string): Promise<string> => {
    replacing = refused;
    asking = Promise.resolve()
      .then(ask)
      .then(
        (token) => {
          replacing = undefined;
          given = token;
          return token;
        },
        (error: unknown) => {
          // A function that failed is asked again next time.
          asking = undefined;
          replacing = undefined;
          throw error;
        },
      );
    return asking;
  };
  return {
    current: () => asking ?? askAgain(),
    renew: (refused) =>
      asking && (given !== refused || replacing === refused) ? asking : askAgain(refused),
    lastGiven: () => given,
  };
}
