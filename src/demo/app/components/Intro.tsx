import { useState } from 'react';
import { useShop } from '../signin/session';

const DISMISSED_KEY = 'logbook-shop-intro-dismissed';

/** What the demo shows and what to try, until the reader hides it (remembered in this browser). */
export function Intro() {
  const [shown, setShown] = useState(() => localStorage.getItem(DISMISSED_KEY) === null);
  const { mode } = useShop();
  if (!shown) return null;
  const hide = () => {
    localStorage.setItem(DISMISSED_KEY, String(Date.now()));
    setShown(false);
  };
  return (
    <section className="panel intro" aria-labelledby="intro-title">
      <div className="panel-head">
        <h2 id="intro-title">What this shows</h2>
        <button type="button" className="link" onClick={hide}>
          Got it, hide this
        </button>
      </div>
      <p>
        An offline-first event store. Every change you make is an event in a log kept on this
        device; the cart, the orders and the rest are views worked out from that log. The device
        syncs its log with a server, and when two devices change the same thing, the later change is
        decided again on top of the other, or undone with a reason.
      </p>
      <ul className="intro-tries">
        <li>
          <strong>Go offline</strong>{' '}
          {mode === 'mock'
            ? 'in the Sync panel'
            : 'by turning off this device’s network (Wi-Fi, or the browser’s offline mode)'}{' '}
          and keep shopping: nothing is lost.
        </li>
        <li>
          <strong>Open a second device</strong>: add <code>?device=phone</code> to the address, or
          use another browser.
        </li>
        <li>
          <strong>Make conflicting edits</strong>: check out a cart on one device while the other,
          offline, changes it; see what is undone, and why.
        </li>
        <li>
          <strong>Travel in time</strong>: open a cart's or order's History and drag the slider.
        </li>
        <li>
          <strong>Rebuild a projection</strong> from the log in the Projections panel.
        </li>
      </ul>
    </section>
  );
}
