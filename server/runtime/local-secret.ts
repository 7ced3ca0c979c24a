import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomToken } from '../crypto';

/**
 * The server secret for a local database file when KLACHT_SECRET_KEY is not set: made once and
 * kept beside the file (`<file>.key`, readable by its owner only), so the demo and local
 * development need no setting and the Node entry and `npm run jobs` share it. Anything but a
 * local file needs KLACHT_SECRET_KEY (the environment's validation says so).
 */
export function localSecretKey(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('file:')) return undefined;
  const path = databaseUrl.slice('file:'.length);
  if (path === ':memory:') return randomToken(32);
  const file = `${resolve(path)}.key`;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomToken(32)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process made it at the same moment: read theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return readFileSync(file, 'utf8').trim();
  }
}
