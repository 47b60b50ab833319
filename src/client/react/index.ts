export type { LiveSnapshot } from '../liveReads';
export type { CommandState } from './hooks';
export { createLogbookReact, type LogbookReact } from './typedHooks';
