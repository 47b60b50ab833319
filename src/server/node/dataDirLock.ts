import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageUnavailableError } from '../../core/errors';

/** Whether a process with this id is running (EPERM: it is, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds the data directory for this process: embedded Postgres (PGlite) is one process's database,
 * and two servers writing one directory lose each other's commits. A lock left by a process that
 * is gone (killed) is taken over. Resolves with the release; a directory another running process
 * holds is a `StorageUnavailableError` naming it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'server.lock');
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new StorageUnavailableError({
        reason: `the data directory ${dataDir} is in use by another server (process ${holder}); give each server its own LOGBOOK_DATA_DIR, or share a Postgres with DATABASE_URL`,
      });
    }
    await rm(file, { force: true });
  }
}
