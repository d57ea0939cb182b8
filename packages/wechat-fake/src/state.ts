import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FakeLog } from './notifications.ts';

/**
 * The fake WeChat Pay's state file: one JSON document, replaced whole on every change by
 * writing a temporary file next to it and renaming it over the old one, so a fake that is
 * killed at any moment leaves either the old state or the new one, never half of each.
 */

/** The state as read back, or undefined when there is none yet (or it could not be read). */
export function readStateFile(path: string, log: FakeLog): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return setAside(path, log, 'is not JSON');
  }
}

/**
 * Moves an unreadable state file out of the way (kept for a person to look at) so the fake
 * starts empty rather than refusing to start and taking `./mall start` down with it.
 */
export function setAside(path: string, log: FakeLog, why: string): undefined {
  const aside = `${path}.unreadable-${Date.now()}`;
  renameSync(path, aside);
  log('error', `the fake WeChat Pay's state file ${why}; starting empty`, { path, movedTo: aside });
  return undefined;
}

/**
 * Writes the state atomically. A failure (disk full, folder removed) is logged, not thrown:
 * the fake keeps answering from memory and the next change tries again.
 */
export function writeStateFile(path: string, state: unknown, log: FakeLog): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Left behind: harmless, and the error below says what went wrong.
    }
    log('error', "writing the fake WeChat Pay's state file failed", { path, error: error instanceof Error ? error.message : String(error) });
  }
}
