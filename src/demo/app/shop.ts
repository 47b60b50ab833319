import { createLogbookReact } from 'logbook/react';
import type { ShopDomain } from '../domain/shop';

/** The Logbook hooks, typed from the shop domain. */
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
} = createLogbookReact<ShopDomain>();
