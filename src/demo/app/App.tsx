import { useState } from 'react';
import { CartPanel } from './components/CartPanel';
import { Intro } from './components/Intro';
import { OrdersPanel } from './components/OrdersPanel';
import { ProductGrid } from './components/ProductGrid';
import { StatusBar } from './components/StatusBar';
import { SyncPanel } from './components/SyncPanel';
import { HistoryDialog, type HistoryTarget } from './history/HistoryDialog';
import { LogDialog } from './history/LogDialog';
import { ProjectionsPanel } from './history/ProjectionsPanel';
import { Rejections } from './rejections/Rejections';
import { AccountBar } from './signin/AccountBar';
import { ThisDeviceName } from './thisDevice';
import { useOpenCart } from './useOpenCart';

export function App({ device }: { device: string }) {
  const cart = useOpenCart();
  const [historyOf, setHistoryOf] = useState<HistoryTarget | null>(null);
  const [showLog, setShowLog] = useState(false);

  return (
    <ThisDeviceName.Provider value={device}>
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <img src="/icon.svg" alt="" width="28" height="28" />
            <span>Logbook Shop</span>
          </div>
          <div className="topbar-actions">
            <AccountBar />
            <StatusBar device={device} />
            <button type="button" className="secondary" onClick={() => setShowLog(true)}>
              Event log
            </button>
          </div>
        </header>
        <Intro />
        <main className="layout">
          <ProductGrid cart={cart} />
          <CartPanel cart={cart} onShowHistory={setHistoryOf} />
          <div className="side">
            <Rejections />
            <SyncPanel device={device} />
            <OrdersPanel onShowHistory={setHistoryOf} />
            <ProjectionsPanel />
          </div>
        </main>
        {showLog && <LogDialog onClose={() => setShowLog(false)} />}
        {historyOf && <HistoryDialog target={historyOf} onClose={() => setHistoryOf(null)} />}
      </div>
    </ThisDeviceName.Provider>
  );
}
