import type { Json } from './json';
import { ownEntry } from './ownEntry';

/** Turns an event's data from one schema version into the next. Pure. */
export type Upcaster = (data: Json) => Json;

/**
 * Per event type, the upcaster from each old schema version to the next: `{ ItemAdded: { 1: v1ToV2,
 * 2: v2ToV3 } }` makes version 3 current and reads version 1 events through both, in order.
 */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/** The schema version new events of `type` are written at: one past the last upcaster. */
export function currentSchemaVersion(upcasters: Upcasters | undefined, type: string): number {
  const versions = Object.keys(ownEntry(upcasters, type) ?? {}).map(Number);
  return versions.length === 0 ? 1 : Math.max(...versions) + 1;
}

/** Whether `upcast` changes an event of `type` written at schema version `version`. */
export function hasUpcaster(
  upcasters: Upcasters | undefined,
  type: string,
  version: number,
): boolean {
  return ownEntry(ownEntry(upcasters, type), version) !== undefined;
}

/** An event in its type's current shape, whatever version it was written at. */
export function upcast<E extends { type: string; data: Json; metadata: { schemaVersion: number } }>(
  event: E,
  upcasters: Upcasters | undefined,
): E {
  const chain = ownEntry(upcasters, event.type);
  if (!chain) return event;
  let { data } = event;
  let version = event.metadata.schemaVersion;
  for (let step = ownEntry(chain, version); step; step = ownEntry(chain, version)) {
    data = step(data);
    version += 1;
  }
  return version === event.metadata.schemaVersion
    ? event
    : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}
