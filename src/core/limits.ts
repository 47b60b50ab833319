/**
 * One set of limits for every path that takes events: a local append or command, an import, a
 * push the server receives. What a device accepts locally is exactly what the server accepts, so
 * nothing recorded offline can be refused later for its size or shape.
 */
export const LIMITS = {
  /** An event's data as UTF-8 JSON. */
  maxEventBytes: 64 * 1024,
  /** How deep objects and arrays may nest in an event's data (or a command's). */
  maxJsonDepth: 64,
  /** Event, command, device and correlation ids. */
  maxIdLength: 128,
  maxStreamLength: 256,
  maxTypeLength: 128,
  /** A push body as UTF-8 JSON; a device cuts its pushes to fit. */
  maxPushBytes: 1024 * 1024,
  /** Events in one push; also the most one command or append may record (it is pushed whole). */
  maxPushEvents: 2000,
  maxPullLimit: 1000,
} as const;
