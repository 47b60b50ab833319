import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const doc = await readFile(new URL('../../../docs/testing.md', import.meta.url), 'utf8');
const examples = [...doc.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)].map(
  ([, path, code]) => ({ path: path as string, code: code as string }),
);
const root = new URL('../../../', import.meta.url);

describe('docs/testing.md', () => {
  it('embeds each example as its file stands', async () => {
    expect(examples.length).toBeGreaterThan(3);
    for (const { path, code } of examples) {
      expect(code, path).toBe((await readFile(new URL(path, root), 'utf8')).trimEnd());
    }
  });

  it.each(examples.filter(({ path }) => path.includes('/examples/')))(
    'runs $path',
    async ({ path }) => {
      const { example } = (await import(new URL(path, root).href)) as { example: () => unknown };
      await example();
    },
  );
});
