import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The firedrill package's root (where scenarios/ lives), wherever the CLI is run from. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILTIN_SCENARIOS = join(PACKAGE_ROOT, 'scenarios');
export const BUILTIN_STACKS = join(PACKAGE_ROOT, 'scenarios', 'stacks');

/**
 * Where a run's reports go without --out: ./reports under the current directory, like any CLI's
 * output. Not the package's folder, which is inside node_modules once firedrill is installed.
 */
export function resolveReportsDir(cwd: string = process.cwd()): string {
  return resolve(cwd, 'reports');
}

/** A path as given, or a built-in by name: `error-spike` -> scenarios/error-spike.yaml. */
export function resolveBuiltin(nameOrPath: string, dir: string): string {
  if (existsSync(nameOrPath)) return resolve(nameOrPath);
  const candidate = join(dir, `${nameOrPath}.yaml`);
  return existsSync(candidate) ? candidate : resolve(nameOrPath);
}

/** Where `firedrill baseline save` keeps blessed results by default: ./baselines (commit it). */
export function resolveBaselinesDir(cwd: string = process.cwd()): string {
  return resolve(cwd, 'baselines');
}

/** A suite result given as a path (file or suite folder), or a saved baseline by name. */
export function resolveSuiteResult(nameOrPath: string, baselines: string = resolveBaselinesDir()): string {
  if (existsSync(nameOrPath)) return resolve(nameOrPath);
  const saved = join(baselines, `${nameOrPath}.json`);
  return existsSync(saved) ? saved : resolve(nameOrPath);
}
