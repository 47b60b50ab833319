import { syncServerOptionsOf } from 'logbook/server';
import { configFromEnv, runServer, startServer } from 'logbook/server/node';
import { shopDomain } from './domain/shop';

await runServer(() => startServer(configFromEnv(process.env), syncServerOptionsOf(shopDomain)));
