import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { IssueList, loadConfigFile } from './load-config-file.ts';
import { suiteSchema } from './suite-schema.ts';
import { EVERY_RUN_PASSES, flattenExpectations, type SuiteExpectation } from './suite-expectation.ts';

export interface SuiteJob {
  scenarioFile: string;
  stackFile: string;
  seed: number;
}

export interface Suite {
  file: string;
  name: string;
  description: string;
  jobs: SuiteJob[];
  expectations: SuiteExpectation[];
  /** False when the file states none and the default (every run passes) applies. */
  expectationsStated: boolean;
}

/** `*` in a suite's scenarios or stacks: every built-in of that kind. */
export const EVERY_BUILTIN = '*';

/**
 * Loads a suite and resolves every scenario and stack entry to a file (a path relative to the
 * suite, a built-in name, or `*` for every built-in, so a suite like the nightly one grows with
 * the library), reporting every entry that resolves to nothing.
 */
export async function loadSuite(file: string, builtins: { scenarios: string; stacks: string }): Promise<Suite> {
  const { value, source } = await loadConfigFile(file, suiteSchema);
  const issues = new IssueList(source);
  const dir = dirname(file);
  const find = async (entry: string, builtinDir: string, path: (string | number)[]): Promise<string[]> => {
    if (entry === EVERY_BUILTIN) return listBuiltins(builtinDir);
    for (const candidate of [resolve(dir, entry), join(builtinDir, `${entry}.yaml`)]) if (existsSync(candidate)) return [candidate];
    issues.addAt(path, `"${entry}" is neither a file (relative to the suite) nor a built-in`, '`firedrill list` shows the built-ins; "*" means all of them');
    return [];
  };
  const jobs: SuiteJob[] = [];
  for (const [i, run] of value.spec.runs.entries()) {
    const scenarios = (await Promise.all(run.scenarios.map((s, j) => find(s, builtins.scenarios, ['spec', 'runs', i, 'scenarios', j])))).flat();
    const stacks = (await Promise.all(run.stacks.map((s, j) => find(s, builtins.stacks, ['spec', 'runs', i, 'stacks', j])))).flat();
    for (const scenarioFile of scenarios) {
      for (const stackFile of stacks) {
        for (let k = 0; k < run.repeat; k++) jobs.push({ scenarioFile, stackFile, seed: run.seed + k });
      }
    }
  }
  issues.throwIfAny();
  const stated = value.spec.expectations !== undefined && value.spec.expectations.length > 0;
  return {
    file,
    name: value.metadata.name,
    description: value.metadata.description,
    jobs,
    expectations: flattenExpectations(stated ? value.spec.expectations! : [EVERY_RUN_PASSES]),
    expectationsStated: stated,
  };
}

/** The built-in YAML files of a folder (not its subfolders), in name order. */
async function listBuiltins(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((f) => f.isFile() && f.name.endsWith('.yaml'))
    .map((f) => join(dir, f.name))
    .sort();
}
