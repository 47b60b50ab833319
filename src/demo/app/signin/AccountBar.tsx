import type { ShopId } from '../../domain/shops';
import { SHOP_NAMES } from '../../people';
import { useShop } from './session';

/** Who is signed in, which of their shops the page shows, and signing out (to switch person). */
export function AccountBar() {
  const { person, shopId, chooseShop, signOut } = useShop();
  return (
    <div className="account">
      <span className="pill" data-testid="signed-in-person">
        {person.name}
      </span>
      <label className="shop-switcher">
        <span className="visually-hidden">Shop</span>
        <select
          data-testid="shop-switcher"
          value={shopId}
          onChange={(event) => chooseShop(event.target.value as ShopId)}
        >
          {person.shops.map((shop) => (
            <option key={shop} value={shop}>
              {SHOP_NAMES[shop]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}
