import { connectLogbook } from 'logbook/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ShopDomain } from '../domain/shop';
import type { ShopWorkerCalls } from '../shop.worker';
import { App } from './App';
import { currentDevice, databaseName } from './device';
import { LogbookProvider } from './shop';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const device = currentDevice();

function render(content: React.ReactNode) {
  root.render(<StrictMode>{content}</StrictMode>);
}

render(<p className="splash">Starting the store…</p>);

connectLogbook<ShopDomain, ShopWorkerCalls>(
  new Worker(new URL('../shop.worker.ts', import.meta.url), { type: 'module' }),
  { name: databaseName(device) },
).then(
  (client) =>
    render(
      <LogbookProvider client={client}>
        <App device={device} />
      </LogbookProvider>,
    ),
  (error: Error) =>
    render(
      <p className="splash splash-error" role="alert">
        The store could not start: {error.message}
      </p>,
    ),
);
