import type { Json } from './json';

/** A request to change state. An `id` makes it idempotent: executing it again returns the first result. */
export interface Command<Type extends string = string, Data extends Json = Json> {
  type: Type;
  data: Data;
  id?: string;
  metadata?: { correlationId?: string; causationId?: string };
}
