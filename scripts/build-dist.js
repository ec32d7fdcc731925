// `npm run build` (and `prepare`, so `npm ci` and an install from git build too): compiles src/ into
// a clean dist/ with tsconfig.build.json (`.ts` import specifiers rewritten to `.js`), then stamps
// the time the build started: bin/firedrill.js runs dist/ only while no source is newer.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const startedMs = Date.now();
// A clean build: a source deleted since the last one leaves no module behind.
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const res = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (res.status !== 0) {
  process.stderr.write(`build failed: tsc exited with ${res.status ?? res.signal}\n`);
  process.exit(1);
}
writeFileSync(join(dist, 'build-stamp.json'), `${JSON.stringify({ builtAtMs: startedMs })}\n`);
process.stdout.write(`built dist/ in ${((Date.now() - startedMs) / 1000).toFixed(1)} s\n`);
