// npm run mutate:survivors [-- shared|server [path-part]]: every mutant the last `npm run mutate`
// left undetected (survived, or reached by no test), one line each, as Markdown list items:
// where it is, the mutator, and the code before and after. The README's list starts from this.
import { existsSync, readFileSync } from 'node:fs';

const [scope = 'server', part = ''] = process.argv.slice(2);
const path = `reports/mutation/${scope}.json`;
if (!existsSync(path)) {
  console.error(`No ${path}: run npm run mutate:${scope} first.`);
  process.exit(2);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const squash = (text) => text.replace(/\s+/g, ' ').trim();
const shorten = (text) => (text.length > 90 ? `${text.slice(0, 87)}…` : text);

for (const [file, { source, mutants }] of Object.entries(report.files)) {
  if (!file.includes(part)) continue;
  const lines = source.split('\n');
  const undetected = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line);
  for (const m of undetected) {
    const { start, end } = m.location;
    const picked = lines.slice(start.line - 1, end.line);
    picked[picked.length - 1] = picked[picked.length - 1].slice(0, end.column - 1);
    picked[0] = picked[0].slice(start.column - 1);
    const before = shorten(squash(picked.join('\n')));
    const after = shorten(squash(m.replacement ?? ''));
    const status = m.status === 'NoCoverage' ? 'no test' : 'survived';
    console.log(
      `- ${file}:${start.line} ${m.mutatorName} (${status}): \`${before}\` → \`${after}\``,
    );
  }
}
