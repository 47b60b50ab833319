import { useEffect, useState } from 'react';
import { useClient } from '../shop';

export type StateAt =
  | { status: 'loading' }
  | { status: 'ready'; state: unknown }
  | { status: 'error'; error: Error };

/** An aggregate's state as it stood after `version` of its stream, folded in the worker. */
export function useStateAt(aggregate: string, stream: string, version: number): StateAt {
  const client = useClient();
  const [result, setResult] = useState<StateAt>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setResult({ status: 'loading' });
    client.aggregateStateAt(aggregate, stream, { version }).then(
      (state) => current && setResult({ status: 'ready', state }),
      (error: Error) => current && setResult({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [client, aggregate, stream, version]);
  return result;
}
