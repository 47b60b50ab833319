/**
 * What the app logs through: the part of pino's API it uses, so a pino logger can be passed as
 * is (the Node runtime does). Fields first, then the message, as in pino.
 */
export interface Logger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

const ignore = () => undefined;

/** The default: logs nothing. */
export const silentLogger: Logger = {
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
};
