import { describe, expect, test } from 'vitest';
import {
  dummyHash,
  generatePassword,
  hashPassword,
  PBKDF2_ITERATIONS,
  verifyPassword,
} from './passwords';

// Few iterations keep these tests fast; the stored parameters are what is checked.
const FAST = 1_000;

describe('password hashes', () => {
  test('store the scheme, the iterations, a salt and the hash; the same password salts anew', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  test('today uses 100,000 iterations', async () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(await hashPassword('x')).toMatch(/^pbkdf2-sha256\$100000\$/);
  });

  test('verify the right password only, and ask for a rehash when the parameters are old', async () => {
    const old = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', old)).toEqual({
      ok: true,
      needsRehash: true,
    });
    expect(await verifyPassword('Correct horse battery', old)).toEqual({
      ok: false,
      needsRehash: false,
    });
    const current = await hashPassword('s3cret-enough');
    expect(await verifyPassword('s3cret-enough', current)).toEqual({
      ok: true,
      needsRehash: false,
    });
  });

  test('even a single iteration is a hash to verify (and to upgrade)', async () => {
    const one = await hashPassword('pw', 1);
    expect(await verifyPassword('pw', one)).toEqual({ ok: true, needsRehash: true });
  });

  test('a malformed stored hash verifies nothing', async () => {
    const good = await hashPassword('pw', FAST);
    const [, rounds, salt, hash] = good.split('$');
    for (const stored of [
      '',
      `bcrypt$${rounds}$${salt}$${hash}`,
      `pbkdf2-sha256$${rounds}$$${hash}`,
      `pbkdf2-sha256$${rounds}$${salt}$`,
      `pbkdf2-sha256$${rounds}$${salt}`,
      `pbkdf2-sha256$many$${salt}$${hash}`,
      `pbkdf2-sha256$1.5$${salt}$${hash}`,
      `pbkdf2-sha256$0$${salt}$${hash}`,
      `pbkdf2-sha256$-1000$${salt}$${hash}`,
    ]) {
      expect(await verifyPassword('pw', stored)).toEqual({ ok: false, needsRehash: false });
    }
  });

  test('the stand-in hash for unknown accounts costs real work and matches nothing', async () => {
    const dummy = await dummyHash();
    expect(dummy).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await dummyHash()).toBe(dummy);
    expect((await verifyPassword('', dummy)).ok).toBe(false);
  });
});

describe('generated passwords', () => {
  test('are 20 easy-to-type characters of 120 random bits, different each time', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9x]{20}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
