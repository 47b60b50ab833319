import { z } from 'zod/mini';
import type { $ZodErrorMap, $ZodType } from 'zod/v4/core';

/**
 * Schemas of `zod` and of `zod/mini` alike: the library builds its own with `zod/mini` (whole zod
 * would be most of a worker's bundle), and a domain's may come from either.
 */
export type Schema<T = unknown> = $ZodType<T>;

const english = z.locales.en().localeError;

/**
 * zod's English messages, as whole zod gives them, unless the app chose its own (`z.config`):
 * `zod/mini` loads no locale, and the reasons around these messages are English.
 */
const englishUnlessConfigured: $ZodErrorMap = (issue) => {
  const config = z.config();
  return config.customError || config.localeError ? undefined : english(issue);
};

/** Parses `value` with any zod schema, without throwing. */
export function safeParse<T>(schema: Schema<T>, value: unknown) {
  return z.safeParse(schema, value, { error: englishUnlessConfigured });
}
