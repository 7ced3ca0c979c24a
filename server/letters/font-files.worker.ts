// In the Worker's build this module replaces font-files.ts (scripts/build-worker.mjs): the fonts
// are data modules beside the letters chunk (wrangler.toml's rule for chunks/*.ttf), loaded
// with it on the first letter, never with the script every request starts.

import regular from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf';
import bold from '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf';
import type { FontFiles } from './font-files';

export async function loadFontFiles(): Promise<FontFiles> {
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}
