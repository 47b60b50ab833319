export type { LiveRead, NetworkSimulation } from '../transport/workerApi';
export {
  type ConnectOptions,
  connectLogbook,
  type LiveListener,
  type LogbookClient,
} from './connectLogbook';
