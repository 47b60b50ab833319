#!/usr/bin/env node
// Before the browser tests: make sure a Chromium is there. Installs Debian's when run as root
// with apt available (as CI and a fresh development machine are); otherwise stops at once with
// one line that says what to install or set, instead of a stack trace from deep in Playwright.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasApt() {
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!executable(path)) {
  const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && hasApt();
  if (!canInstall) {
    console.error(
      `Browser tests need Chromium at ${path}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable.`,
    );
    process.exit(1);
  }
  console.log("--- installing Debian's Chromium for the browser tests");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'],
    { stdio: ['ignore', 'ignore', 'inherit'], env },
  );
  if (!executable(path)) {
    console.error(
      `Installing chromium did not give ${path}: set CHROMIUM_PATH to a Chromium executable.`,
    );
    process.exit(1);
  }
}
