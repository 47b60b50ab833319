import { useState } from 'react';
import { CartPanel } from './components/CartPanel';
import { HistoryDialog } from './components/HistoryDialog';
import { OrdersPanel } from './components/OrdersPanel';
import { ProductGrid } from './components/ProductGrid';
import { StatusBar } from './components/StatusBar';
import { SyncPanel } from './components/SyncPanel';
import { useOpenCart } from './useOpenCart';

export function App({ device }: { device: string }) {
  const cart = useOpenCart();
  const [historyOf, setHistoryOf] = useState<{ stream: string; title: string } | null>(null);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>Logbook Shop</span>
        </div>
        <StatusBar device={device} />
      </header>
      <main className="layout">
        <ProductGrid cart={cart} />
        <CartPanel cart={cart} onShowHistory={setHistoryOf} />
        <div className="side">
          <SyncPanel device={device} />
          <OrdersPanel onShowHistory={setHistoryOf} />
        </div>
      </main>
      {historyOf && (
        <HistoryDialog
          stream={historyOf.stream}
          title={historyOf.title}
          onClose={() => setHistoryOf(null)}
        />
      )}
    </div>
  );
}
