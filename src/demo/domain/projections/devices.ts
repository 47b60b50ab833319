import { defineProjection } from 'logbook';
import type { DeviceNamed } from '../device';

export type DeviceView = { clientId: string; name: string };

/** What each device that wrote to the synced shops is called, by client id: the newest name wins. */
export const devices = defineProjection<DeviceView, DeviceNamed>()({
  name: 'devices',
  version: 1,
  key: (event) => event.data.clientId,
  on: {
    DeviceNamed: (_view, { data }) => ({ clientId: data.clientId, name: data.name }),
  },
});
