import { createContext, useContext } from 'react';
import type { DeviceView } from '../domain/shop';
import { useList } from './shop';

/** What this device is called (`?device=phone`: "phone"): the name it gives itself in each shop. */
export const ThisDeviceName = createContext('this-device');

export const useThisDeviceName = () => useContext(ThisDeviceName);

/** Every named device's name by client id, live: names synced from other devices appear too. */
export function useDeviceNames(): ReadonlyMap<string, string> {
  const devices = useList('devices');
  return new Map((devices.data ?? []).map((view: DeviceView) => [view.clientId, view.name]));
}

/** Who recorded an event, in words: this device, another by its name, or an unnamed one by id. */
export function deviceLabel(
  clientId: string,
  names: ReadonlyMap<string, string>,
  ownClientId: string,
): string {
  const name = names.get(clientId);
  if (clientId === ownClientId) return name ? `this device (${name})` : 'this device';
  return name ?? `device …${clientId.slice(-6)}`;
}
