import { z } from 'zod/mini';
import { pushRequest, wireEvent } from '../core/syncProtocol';

const eventAsSent = z.extend(wireEvent, { type: z.unknown(), data: z.unknown() });
const batch = pushRequest.shape.streams.def.element;

/**
 * A push as the server reads it: the protocol's envelope (client id, streams, base versions,
 * groups, event ids and metadata), with each event's type and data as sent. The server checks
 * those per event, so a bad event is refused alone instead of failing the whole request.
 */
export const pushAsSent = z.extend(pushRequest, {
  streams: z
    .array(z.extend(batch, { events: z.array(eventAsSent).check(z.minLength(1)) }))
    .check(z.minLength(1)),
});

export type PushAsSent = z.infer<typeof pushAsSent>;
