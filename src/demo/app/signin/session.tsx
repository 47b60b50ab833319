import { createContext, type ReactNode, useContext, useState } from 'react';
import type { ShopId } from '../../domain/shops';
import { type Person, SHOP_NAMES } from '../../people';
import type { SyncMode } from './syncMode';

/** Who uses this device, in which shop, and how it syncs. */
export interface Session {
  device: string;
  mode: SyncMode;
  person: Person;
  /** The shop the page shows, one of the person's: commands go to it. */
  shopId: ShopId;
  shopName: string;
  chooseShop(shopId: ShopId): void;
  signOut(): void;
  /** Reconnects as the same person with a new token (after the server refused the old one). */
  signInAgain(): void;
}

export type SessionActions = Pick<Session, 'signOut' | 'signInAgain'>;

const SessionContext = createContext<Session | null>(null);

/** The shop each person last chose on this device. */
const shopKey = (device: string, person: Person) => `logbook-demo-shop:${device}:${person.id}`;

function rememberedShop(device: string, person: Person): ShopId {
  const remembered = localStorage.getItem(shopKey(device, person));
  return person.shops.find((shop) => shop === remembered) ?? (person.shops[0] as ShopId);
}

export function SessionProvider({
  device,
  mode,
  person,
  actions,
  children,
}: {
  device: string;
  mode: SyncMode;
  person: Person;
  actions: SessionActions;
  children: ReactNode;
}) {
  const [shopId, setShopId] = useState(() => rememberedShop(device, person));
  const chooseShop = (shop: ShopId) => {
    localStorage.setItem(shopKey(device, person), shop);
    setShopId(shop);
  };
  const session: Session = {
    device,
    mode,
    person,
    shopId,
    shopName: SHOP_NAMES[shopId],
    chooseShop,
    ...actions,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in person, their current shop and the session's actions. */
export function useShop(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useShop() needs a <SessionProvider> above it');
  return session;
}
