export { deciderSpec } from './deciderSpec';
