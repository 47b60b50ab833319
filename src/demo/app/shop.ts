import { createLogbookReact } from 'logbook/react';
import type { ShopDomain } from '../domain/shop';
import type { ShopWorkerCalls } from '../shop.worker';

/** The Logbook hooks, typed from the shop domain and the demo worker's own calls. */
export const {
  LogbookProvider,
  useCommand,
  useView,
  useList,
  useStream,
  useHeadPosition,
  useSyncSummary,
  useLog,
  useProjectionStatus,
  useClient,
} = createLogbookReact<ShopDomain, ShopWorkerCalls>();
