import { deciderSpec } from 'logbook/testing';
import { counter } from '../../../quickstart/domain';

export function example() {
  const ninety = { type: 'Incremented' as const, data: { counter: 'a', by: 90 } };

  deciderSpec(counter)
    .given([ninety])
    .when({ type: 'Increment', data: { counter: 'a', by: 10 } })
    .then([{ type: 'Incremented', data: { counter: 'a', by: 10 } }]);

  deciderSpec(counter)
    .given([ninety])
    .when({ type: 'Increment', data: { counter: 'a', by: 11 } })
    .thenRejects('cannot go above 100');
}
