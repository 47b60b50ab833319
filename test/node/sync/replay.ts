import type { RecordedEvent } from '../../../src/core/events';
import type { ServerEvent } from '../../../src/core/syncProtocol';

export {
  assertProjectionsMatchReplay as expectProjectionsMatchReplay,
  logInReplayOrder,
  wholeLog,
} from '../../../src/testing';

/** Another device's events, as the server would hand them out from `firstPosition` on. */
export function fromServer(events: RecordedEvent[], firstPosition: number): ServerEvent[] {
  return events.map(({ id, stream, version, type, data, metadata }, i) => ({
    id,
    stream,
    version,
    type,
    data,
    metadata,
    position: firstPosition + i,
  }));
}
