import { syncServerOptionsOf } from 'logbook/server';
import { configFromEnv, runServer, startServer } from 'logbook/server/node';
import { shopDomain } from './domain/shop';

// The demo's server hands out development tokens unless told otherwise: it is for trying Logbook.
await runServer(() =>
  startServer(
    configFromEnv({ LOGBOOK_DEV_TOKENS: '1', ...process.env }),
    syncServerOptionsOf(shopDomain),
  ),
);
