/** Metadata as a device records it, for tests that store events by hand. */
export const deviceMetadata = (clientId = 'phone') => ({
  recordedAt: 1,
  clientId,
  commandId: null,
  correlationId: null,
  causationId: null,
  schemaVersion: 1,
});
