export type { CommandState } from './hooks';
export {
  useCommand,
  useHeadPosition,
  useList,
  useLiveRead,
  useLog,
  useProjectionStatus,
  useStream,
  useSyncSummary,
  useView,
} from './hooks';
export { LogbookProvider } from './LogbookProvider';
export { createLogbookReact, type LogbookReact } from './typedHooks';
