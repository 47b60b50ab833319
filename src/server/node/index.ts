export { configFromEnv, type ServerConfig } from './config';
export { type RunningServer, runServer, startServer } from './startServer';
