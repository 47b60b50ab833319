import { networkInterfaces } from 'node:os';
import { syncServerOptionsOf } from 'logbook/server';
import { configFromEnv, runServer, startServer } from 'logbook/server/node';
import { shopDomain } from './domain/shop';

/**
 * The demo's sync server. `npm run server` runs it as configured by the environment (the API
 * only); `npm start` adds `--app`: it also serves the built app (dist/), with development tokens
 * on, so two browsers, or a laptop and a phone on the same network, sync live through it.
 */
const serveApp = process.argv.includes('--app');
const demoDefaults = serveApp
  ? { LOGBOOK_STATIC_DIR: 'dist', LOGBOOK_DEV_TOKENS: '1', LOGBOOK_DATA_DIR: '.logbook/demo' }
  : {};

/** Where a device on this machine's networks can open the app. */
function addressesOf(port: number): string[] {
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => `http://${address?.address}:${port}`);
  return [`http://localhost:${port}`, ...lan];
}

const config = configFromEnv({ ...demoDefaults, ...process.env });
const running = await runServer(() => startServer(config, syncServerOptionsOf(shopDomain)));
if (running && serveApp) {
  const [local, ...lan] = addressesOf(running.port);
  console.log(`\nLogbook Shop is running: open ${local}`);
  for (const address of lan)
    console.log(`  on a phone or another computer on this network: ${address}`);
  if (config.devTokens) {
    console.log(
      '\n  DEVELOPMENT TOKENS ARE ON: anyone who can reach this port can sign in as anyone. For a demo on a trusted network only.\n',
    );
  }
}
