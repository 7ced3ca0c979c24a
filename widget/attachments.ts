import type { FormConfig } from '../shared/api';
import { formatBytes, formatList, type Translate, type WidgetLocale } from './i18n';

type Limits = FormConfig['attachments'];

// The first bytes of each type the procedure may allow; the server checks the same way.
const MAGIC: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

async function sniff(file: File): Promise<string | undefined> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return Object.keys(MAGIC).find((type) => MAGIC[type]?.every((byte, i) => head[i] === byte));
}

/** "PDF, JPEG of PNG": the allowed types as people know them. */
export function typeNames(types: string[], locale: WidgetLocale): string {
  return formatList(
    types.map((type) => (type.split('/')[1] ?? type).toUpperCase()),
    locale,
  );
}

/** Same name, size and date: the same file chosen twice. */
export const fileId = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

/**
 * Checks newly chosen files against the procedure's limits, by content rather than by name, and
 * returns the files to keep and a message per refused file.
 */
export async function checkFiles(
  chosen: File[],
  added: File[],
  limits: Limits,
  t: Translate,
  locale: WidgetLocale,
): Promise<{ keep: File[]; problems: string[] }> {
  const keep: File[] = [];
  const problems: string[] = [];
  const known = new Set(chosen.map(fileId));
  const types = typeNames(limits.types, locale);
  for (const file of added) {
    if (known.has(fileId(file))) continue;
    known.add(fileId(file));
    const name = file.name;
    let problem: string | null = null;
    if (chosen.length + keep.length >= limits.maxCount) {
      problem = t('fileTooMany', { count: limits.maxCount, name });
    } else if (file.size > limits.maxBytes) {
      problem = t('fileTooBig', { name, size: formatBytes(limits.maxBytes, locale) });
    } else {
      const actual = await sniff(file);
      if (!actual || !limits.types.includes(actual)) {
        // A name that promises an allowed type with other content is refused as a forgery.
        problem = limits.types.includes(file.type)
          ? t('fileForged', { name, types: typeNames([file.type], locale) })
          : t('fileType', { name, types });
      }
    }
    if (problem) problems.push(problem);
    else keep.push(file);
  }
  return { keep, problems };
}

/** The errors without those about files: `attachments.N` names positions a change made stale. */
export function withoutFileErrors(
  errors: Record<string, string>,
  extra: Record<string, string>,
): Record<string, string> {
  const kept = Object.entries(errors).filter(([path]) => !path.startsWith('attachments'));
  return { ...Object.fromEntries(kept), ...extra };
}

/** The message about a file refused when it was chosen (`attachments`), if there is one. */
export function refusedFile(errors: Record<string, string>): Record<string, string> {
  return errors.attachments ? { attachments: errors.attachments } : {};
}

/** The files just chosen in a file input that pass the checks, and what was refused, in words. */
export async function chooseFiles(
  event: Event,
  chosen: File[],
  limits: Limits,
  t: Translate,
  locale: WidgetLocale,
): Promise<{ keep: File[]; problems: string }> {
  const input = event.target as HTMLInputElement;
  const added = [...(input.files ?? [])];
  // Emptied so the same file can be chosen again after removing it; the list shows the choice.
  input.value = '';
  const { keep, problems } = await checkFiles(chosen, added, limits, t, locale);
  return { keep, problems: problems.join(' ') };
}
