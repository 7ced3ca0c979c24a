// npm run mutate [-- shared|server]: mutation testing with StrykerJS, one run per scope
// (stryker.shared.config.mjs, stryker.server.config.mjs), then both scores side by side.
// MUTATE_TYPECHECK=1 adds Stryker's TypeScript checker (mutants that do not compile are left out
// instead of run; several times slower). Reports: reports/mutation/<scope>.html and .json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const SCOPES = {
  shared: { label: 'shared/', target: 85 },
  server: { label: 'server domain code', target: 75 },
};
const asked = process.argv.slice(2);
const scopes = asked.length > 0 ? asked : Object.keys(SCOPES);
for (const scope of scopes) {
  if (!(scope in SCOPES)) {
    console.error(`Unknown scope "${scope}"; use ${Object.keys(SCOPES).join(' or ')}.`);
    process.exit(2);
  }
}

const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];

/** Stryker's mutation score (detected / valid mutants) of a JSON report, per file and in all. */
function scores(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const count = (mutants, statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const files = Object.entries(report.files).map(([file, { mutants }]) => ({
    file,
    detected: count(mutants, DETECTED),
    undetected: count(mutants, UNDETECTED),
  }));
  const detected = files.reduce((n, f) => n + f.detected, 0);
  const undetected = files.reduce((n, f) => n + f.undetected, 0);
  return { files, detected, undetected };
}

const percent = (detected, undetected) =>
  detected + undetected === 0
    ? 'n/a'
    : `${((100 * detected) / (detected + undetected)).toFixed(2)}%`;

const results = [];
for (const scope of scopes) {
  const json = `reports/mutation/${scope}.json`;
  rmSync(json, { force: true });
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', `stryker.${scope}.config.mjs`], {
    stdio: 'inherit',
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  results.push({ scope, status: run.status ?? 1, minutes, json });
}

console.log('\nMutation scores');
let failed = false;
for (const { scope, status, minutes, json } of results) {
  const { label, target } = SCOPES[scope];
  if (!existsSync(json)) {
    console.log(`  ${label}: no report (stryker exited with ${status})`);
    failed = true;
    continue;
  }
  const { detected, undetected } = scores(json);
  const score = percent(detected, undetected);
  const ok = status === 0;
  failed ||= !ok;
  console.log(
    `  ${label}: ${score} (${detected} detected, ${undetected} undetected; target ${target}%) ` +
      `in ${minutes} min${ok ? '' : ' — BELOW TARGET'}; reports/mutation/${scope}.html`,
  );
}
process.exit(failed ? 1 : 0);
