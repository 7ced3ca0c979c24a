import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The database file's owner may read and write it; nobody else may read it. */
export const PRIVATE_FILE_MODE = 0o600;
/** The folder the database lives in: its owner's only, so no one else can list or add files. */
export const PRIVATE_FOLDER_MODE = 0o700;

/** What SQLite keeps beside the database file, and the server secret `local-secret.ts` makes. */
const COMPANIONS = ['-wal', '-shm', '-journal', '.key'];

// A folder many users share (/tmp) has the sticky bit; it is not ours to close.
const STICKY = 0o1000;

/**
 * Makes a local database file and everything beside it readable by the server's own user only,
 * before the database is opened. SQLite creates its file as 0644 (less the umask) and gives the
 * write-ahead log and shared-memory file the mode of the database file, so a file created 0600
 * here keeps them private too; files and a folder left wider by an earlier version or by hand
 * are tightened at start-up. The folder is tightened only when it is ours and not shared.
 */
export function keepPrivate(databasePath: string): void {
  if (process.platform === 'win32') return; // modes do not apply; the folder's ACL does
  const file = resolve(databasePath);
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const info = statSync(folder);
  if (info.uid === process.getuid?.() && (info.mode & STICKY) === 0) {
    tighten(folder, info.mode, PRIVATE_FOLDER_MODE);
  }
  createPrivately(file);
  for (const path of [file, ...COMPANIONS.map((suffix) => `${file}${suffix}`)]) {
    if (existsSync(path)) tighten(path, statSync(path).mode, PRIVATE_FILE_MODE);
  }
}

/** Creates an empty file with the private mode, unless it is there already. */
function createPrivately(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Takes away every permission beyond `wanted` (a mode already narrower is left as it is). */
function tighten(path: string, mode: number, wanted: number): void {
  if ((mode & 0o777 & ~wanted) !== 0) chmodSync(path, mode & wanted);
}
