import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
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
  useEffect(() => {
    const catchUp = () => document.visibilityState === 'visible' && value.liveReads.refresh();
    document.addEventListener('visibilitychange', catchUp);
    return () => document.removeEventListener('visibilitychange', catchUp);
  }, [value]);
  return <LogbookContext.Provider value={value}>{children}</LogbookContext.Provider>;
}

export function useLogbook(): LogbookContextValue {
  const context = useContext(LogbookContext);
  if (!context) throw new Error('Logbook hooks must be used inside <LogbookProvider>');
  return context;
}
