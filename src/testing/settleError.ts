/** The devices of a simulation still had work after every round `settle()` may take. */
export class SettleError extends Error {
  override readonly name = 'SettleError';
  readonly rounds: number;
  /** Pending events per device, by device name. */
  readonly pending: Record<string, number>;
  /** The last fault-made sync failure per device, by device name. */
  readonly lastErrors: Record<string, string>;

  constructor(details: {
    rounds: number;
    pending: Record<string, number>;
    lastErrors: Record<string, string>;
  }) {
    super(
      `The devices did not settle in ${details.rounds} rounds: pending ${JSON.stringify(details.pending)}, last errors ${JSON.stringify(details.lastErrors)}`,
    );
    this.rounds = details.rounds;
    this.pending = details.pending;
    this.lastErrors = details.lastErrors;
  }
}
