export { createTestStore, type TestStoreOptions } from './createTestStore';
export { deciderSpec } from './deciderSpec';
export { assertProjectionsMatchReplay, logInReplayOrder, wholeLog } from './replayLog';
export { seededRandom } from './seededRandom';
export { SettleError } from './settleError';
export { type SimulatedClock, simulatedClock } from './simulatedClock';
export {
  type NetworkFault,
  type NetworkFaults,
  type NetworkTrace,
  noNetworkFaults,
  simulatedFetch,
} from './simulatedNetwork';
export {
  createSimulation,
  type SimulatedDevice,
  type Simulation,
  type SimulationOptions,
} from './simulation';
