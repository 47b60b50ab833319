import { describe, expect, it } from 'vitest';
import { chosenNames } from '../../../bench/chosenNames';
import { PEER_NAMES } from '../../../bench/peers/harness/registry';
import { PEER_WORKLOADS } from '../../../bench/peers/harness/sizes';

describe('choosing workloads and peers on the command line', () => {
  it('takes every name when the flag is absent', () => {
    expect(chosenNames(['--quick'], 'only', PEER_WORKLOADS)).toEqual([...PEER_WORKLOADS]);
  });

  it('takes the names given, in the order given', () => {
    const args = ['--only=batches,burst', '--peers=replicache,logbook'];
    expect(chosenNames(args, 'only', PEER_WORKLOADS)).toEqual(['batches', 'burst']);
    expect(chosenNames(args, 'peers', PEER_NAMES)).toEqual(['replicache', 'logbook']);
  });

  it('refuses a name it does not know, listing the choices', () => {
    expect(() => chosenNames(['--peers=logbook,pouchdb'], 'peers', PEER_NAMES)).toThrow(
      'Unknown peers pouchdb: choose from logbook, dexie, rxdb, replicache, livestore',
    );
  });

  it('refuses a flag that names nothing', () => {
    expect(() => chosenNames(['--only='], 'only', PEER_WORKLOADS)).toThrow(
      /^No only named: choose from storage, cold/,
    );
  });
});
