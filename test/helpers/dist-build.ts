import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findStaleReason } from '../../bin/dist-state.js';
import { REPO_ROOT } from './paths.ts';

/**
 * Makes dist/ the build of the current sources, the way `npm run build` does. .ci/run's `npm ci`
 * has built it already (the `prepare` script), so there this is a few ms of checking; after an
 * edit it rebuilds (~15-25 s on 2 cores), so the compiled-package tests never test a stale build.
 */
export function ensureDistBuilt(): { rebuilt: string | undefined } {
  const stale = findStaleReason(REPO_ROOT);
  if (stale === undefined) return { rebuilt: undefined };
  const res = spawnSync(process.execPath, [resolve(REPO_ROOT, 'scripts/build-dist.js')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  if (res.status !== 0) throw new Error(`npm run build failed (${stale}):\n${res.stdout}${res.stderr}`);
  return { rebuilt: stale };
}
