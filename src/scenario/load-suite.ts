import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { IssueList, loadConfigFile } from './load-config-file.ts';
import { suiteSchema } from './suite-schema.ts';

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
}

/**
 * Loads a suite and resolves every scenario and stack entry to a file (a path relative to the
 * suite, or a built-in name), reporting every entry that resolves to nothing.
 */
export async function loadSuite(file: string, builtins: { scenarios: string; stacks: string }): Promise<Suite> {
  const { value, source } = await loadConfigFile(file, suiteSchema);
  const issues = new IssueList(source);
  const dir = dirname(file);
  const find = (entry: string, builtinDir: string, path: (string | number)[]): string => {
    for (const candidate of [resolve(dir, entry), join(builtinDir, `${entry}.yaml`)]) if (existsSync(candidate)) return candidate;
    issues.addAt(path, `"${entry}" is neither a file (relative to the suite) nor a built-in`, '`firedrill list` shows the built-ins');
    return entry;
  };
  const jobs: SuiteJob[] = [];
  value.spec.runs.forEach((run, i) => {
    const scenarios = run.scenarios.map((s, j) => find(s, builtins.scenarios, ['spec', 'runs', i, 'scenarios', j]));
    const stacks = run.stacks.map((s, j) => find(s, builtins.stacks, ['spec', 'runs', i, 'stacks', j]));
    for (const scenarioFile of scenarios) {
      for (const stackFile of stacks) {
        for (let k = 0; k < run.repeat; k++) jobs.push({ scenarioFile, stackFile, seed: run.seed + k });
      }
    }
  });
  issues.throwIfAny();
  return { file, name: value.metadata.name, description: value.metadata.description, jobs };
}
