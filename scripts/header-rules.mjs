// Cloudflare serves dist/public as static assets and reads their headers from one file,
// dist/public/_headers. Two builds add rules to it (the widget's cache headers, the docs' CSP),
// so each writes only its own section and keeps the other's, whichever runs last.
import { readFile, writeFile } from 'node:fs/promises';

/** Replaces (or adds) the section `name` of the _headers file with `rules` (lines, each ending in \n). */
export async function writeHeaderRules(file, name, rules) {
  const begin = `# ${name}: begin\n`;
  const end = `# ${name}: end\n`;
  const current = await readFile(file, 'utf8').catch(() => '');
  const from = current.indexOf(begin);
  const to = current.indexOf(end, from);
  const section = `${begin}${rules}${end}`;
  const next =
    from >= 0 && to >= 0
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : current + section;
  await writeFile(file, next);
}
