import fc from 'fast-check';
import { isLogbookError } from '../../../src/core/errors';
import type { LocalStore } from '../../../src/core/store';
import { validateCommand } from '../../../src/core/validation';
import { type ShopCommand, type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { decide } from '../../../worker/commands/decideCommand';
import { shopCommands } from '../../shopArbitraries';
import { foldStream } from './deciderReplay';
import { closeAll, createTabbedDevices, type TabbedDevice } from './devices';
import { HeldAnswers } from './heldAnswers';

/** Every command issued, by id, as the user issued it: what the logs are checked against. */
export interface Model {
  issued: Map<string, ShopCommand>;
}

export interface World {
  devices: TabbedDevice[];
  /** Each device's link to the server, whose answers wait for the steps to hand them over. */
  links: HeldAnswers[];
  /** Each device's sync under way, if any. */
  syncs: (Promise<unknown> | undefined)[];
}

/** Devices with `tabs[i]` tabs each, their answers from the mock server held for the steps. */
export async function openWorld(tabs: readonly number[]): Promise<World> {
  const links = tabs.map(() => new HeldAnswers());
  const devices = await createTabbedDevices(tabs, (i) => (links[i] as HeldAnswers).fetch);
  return { devices, links, syncs: [] };
}

/** Lets every answer through from now on, and waits for the syncs under way to end. */
export async function releaseAll(world: World): Promise<void> {
  for (const link of world.links) link.open();
  await Promise.allSettled(world.syncs);
}

export async function closeWorld(world: World): Promise<void> {
  await releaseAll(world);
  await closeAll(world.devices);
}

const nameOf = (device: number) => String.fromCharCode(65 + device);

/** A command as a counterexample shows it: its type and its ids and numbers. */
const shown = ({ type, data }: ShopCommand) =>
  `${type}(${Object.entries(data)
    .filter(([key, value]) => typeof value !== 'object' && key !== 'name' && key !== 'reason')
    .map(([, value]) => value)
    .join(', ')})`;

function startSync(world: World, device: number): void {
  const sync = (world.devices[device] as TabbedDevice).sync.syncNow();
  world.syncs[device] = sync;
  void sync.finally(() => {
    if (world.syncs[device] === sync) world.syncs[device] = undefined;
  });
}

/** Hands the device up to `count` answers its sync is waiting for, one after the other. */
async function handOver(world: World, device: number, count: number): Promise<void> {
  const link = world.links[device] as HeldAnswers;
  for (let i = 0; i < count && (await link.handOver(world.syncs[device])); i++);
}

/** Whether the store, as its log stands now, accepts the command: decided on its current state. */
async function acceptedOn(store: LocalStore, command: ShopCommand): Promise<boolean> {
  const { aggregate, command: validated } = validateCommand(shopDomain, command);
  const loaded = new Map<string, ReturnType<typeof foldStream>>();
  for (;;) {
    let decision: ReturnType<typeof decide>;
    try {
      decision = decide((_, stream) => loaded.get(stream), shopDomain, aggregate, {
        ...validated,
        id: 'probe',
      });
    } catch (error) {
      if (isLogbookError(error, 'CommandRejectedError')) return false;
      throw error;
    }
    if ('appends' in decision) return true;
    const { aggregate: owner, stream } = decision.missing;
    loaded.set(stream, foldStream(owner, await store.readStream(stream)));
  }
}

/**
 * One tab's turn: the first of a few random commands its device accepts as it stands, else the
 * first (so most commands do something, and some are refused).
 */
export interface Move {
  tab: number;
  candidates: ShopCommand[];
  /** The command issued, once the step has run. */
  issued?: ShopCommand;
}

/**
 * Commands issued on one device at once, each in its tab, while the device's sync gets `answers`
 * answers: a pulled page can land between a command's decision and its write. Only a rule
 * violation may refuse a command. Then, maybe, the device starts a sync.
 */
export class Execute implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly device: number,
    readonly moves: Move[],
    readonly answers: number,
    readonly thenSync: boolean,
  ) {}
  check = () => true;
  async run(model: Model, world: World) {
    const device = world.devices[this.device] as TabbedDevice;
    for (const move of this.moves) {
      const accepted = await Promise.all(
        move.candidates.map((candidate) => acceptedOn(device.store, candidate)),
      );
      move.issued = move.candidates[Math.max(0, accepted.indexOf(true))];
    }
    const executions = this.moves.map(({ tab, issued }) => {
      const command = issued as ShopCommand;
      const id = `${device.name}${tab + 1}-${model.issued.size + 1}`;
      model.issued.set(id, command);
      return (device.tabs[tab] as LocalStore<ShopDomain>)
        .execute({ ...command, id })
        .catch((error: unknown) => {
          if (!isLogbookError(error, 'CommandRejectedError')) {
            throw new Error(`${id} ${shown(command)} failed: ${error}`);
          }
        });
    });
    await handOver(world, this.device, this.answers);
    for (const outcome of await Promise.allSettled(executions)) {
      if (outcome.status === 'rejected') throw outcome.reason;
    }
    if (this.thenSync) startSync(world, this.device);
  }
  toString() {
    const name = nameOf(this.device);
    const moves = this.moves.map(
      ({ tab, candidates, issued }) =>
        `${name}${tab + 1}: ${issued ? shown(issued) : `one of ${candidates.map(shown).join(' | ')}`}`,
    );
    const meanwhile = this.answers ? `, meanwhile ${name} gets ${this.answers} answers` : '';
    return `${moves.join(' & ')}${meanwhile}${this.thenSync ? `, then ${name} starts a sync` : ''}`;
  }
}

/** Starts a sync of the device: its requests reach the server, their answers wait. */
export class StartSync implements fc.AsyncCommand<Model, World> {
  constructor(readonly device: number) {}
  check = () => true;
  async run(_: Model, world: World) {
    startSync(world, this.device);
  }
  toString() {
    return `${nameOf(this.device)} starts a sync`;
  }
}

/** The device's sync gets `answers` answers, between commands. */
class Answers implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly device: number,
    readonly answers: number,
  ) {}
  check = () => true;
  async run(_: Model, world: World) {
    await handOver(world, this.device, this.answers);
  }
  toString() {
    return `${nameOf(this.device)} gets ${this.answers} answers`;
  }
}

/**
 * Up to 40 steps on devices with `tabs[i]` tabs each: random shop commands (one, or two at once),
 * syncs started, and answers handed over to a device between its commands or while they run.
 */
export function modelSteps(tabs: readonly number[]) {
  const command = shopCommands({ products: 3, quantity: { min: 1, max: 3 } });
  const device = fc.nat(tabs.length - 1);
  const move = (onDevice: number): fc.Arbitrary<Move> =>
    fc.record({
      tab: fc.nat((tabs[onDevice] as number) - 1),
      candidates: fc.array(command, { minLength: 3, maxLength: 3 }),
    });
  const execute = (moves: number) =>
    device.chain((d) =>
      fc
        .tuple(fc.array(move(d), { minLength: moves, maxLength: moves }), fc.nat(2), fc.boolean())
        .map(([m, answers, thenSync]) => new Execute(d, m, answers, thenSync)),
    );
  const answers = fc
    .tuple(device, fc.integer({ min: 1, max: 4 }))
    .map(([d, n]) => new Answers(d, n));
  return fc.commands(
    [
      fc.oneof(
        { weight: 6, arbitrary: execute(1) },
        { weight: 1, arbitrary: execute(2) },
        { weight: 2, arbitrary: device.map((d) => new StartSync(d)) },
        { weight: 1, arbitrary: answers },
      ),
    ],
    { maxCommands: 40, size: 'max' },
  );
}
