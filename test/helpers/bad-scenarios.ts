import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths.ts';

/**
 * Every built-in bad scenario by name (truth.bad), read from scenarios/: calibration tests
 * cover the library as it grows, not a list that forgets the newest.
 */
export const BAD_SCENARIOS: readonly string[] = readdirSync(join(REPO_ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(readFileSync(join(REPO_ROOT, 'scenarios', f), 'utf8')) as { metadata?: { name?: string }; spec?: { truth?: { bad?: boolean } } })
  .filter((doc) => doc.spec?.truth?.bad === true && typeof doc.metadata?.name === 'string')
  .map((doc) => doc.metadata!.name!)
  .sort();
