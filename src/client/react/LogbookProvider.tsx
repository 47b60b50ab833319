import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { LogbookClient } from '../connectLogbook';
import { LiveReads } from '../liveReads';

interface LogbookContextValue {
  client: LogbookClient;
  liveReads: LiveReads;
}

const LogbookContext = createContext<LogbookContextValue | null>(null);

/** Makes a connected client available to the hooks below it. */
export function LogbookProvider({
  client,
  children,
}: {
  client: LogbookClient;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ client, liveReads: new LiveReads(client) }), [client]);
  return <LogbookContext.Provider value={value}>{children}</LogbookContext.Provider>;
}

export function useLogbook(): LogbookContextValue {
  const context = useContext(LogbookContext);
  if (!context) throw new Error('Logbook hooks must be used inside <LogbookProvider>');
  return context;
}
