import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The two faces a letter is written in, as TrueType files. */
export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

/**
 * Noto Sans regular and bold (SIL Open Font License 1.1, which allows embedding; from Google
 * Fonts, packaged as @expo-google-fonts/noto-sans), read from the package. The Worker has no
 * file system: its build (scripts/build-worker.mjs) puts font-files.worker.ts in this module's
 * place, which imports the same files as data modules of the lazily loaded letters chunk.
 */
export async function loadFontFiles(): Promise<FontFiles> {
  const resolve = createRequire(import.meta.url).resolve;
  const [regular, bold] = await Promise.all([
    readFile(resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')),
    readFile(resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')),
  ]);
  return { regular, bold };
}
