import { ValidationError } from '../../core/errors';
import { type Schema, safeParse } from '../../core/schemaParse';
import { fromZod } from '../../core/validation';

/** Reads a request's part against a schema; a ValidationError names the first bad field. */
export function parseRequest<T>(schema: Schema<T>, value: unknown): T {
  const parsed = safeParse(schema, value);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** Parses a request body as JSON; a ValidationError of `body` when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError({ field: 'body', reason: 'is not valid JSON' });
  }
}
