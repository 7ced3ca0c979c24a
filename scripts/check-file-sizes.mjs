// npm run check: no source file of the server, the shared code or the widget over 300 lines, so
// every file stays one thing a reader can hold in their head. Tests are exempt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_LINES = 300;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /^(server|shared|widget)\/.*\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
const long = files
  .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
  .filter(({ lines }) => lines > MAX_LINES);
for (const { file, lines } of long) console.error(`${file}: ${lines} lines (at most ${MAX_LINES})`);
process.exit(long.length > 0 ? 1 : 0);
