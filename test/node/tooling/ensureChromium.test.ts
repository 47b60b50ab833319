import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['test/ensure-chromium.mjs'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe("the test command's browser check", () => {
  it('stops at once with one line saying what to install or set when Chromium is missing', () => {
    const result = run({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Browser tests need Chromium at /nonexistent/chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable.',
    ]);
  });

  it('passes quietly when the Chromium it is pointed at is there', () => {
    const result = run({ CHROMIUM_PATH: process.execPath });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
