import { loadScenario } from '../scenario/load-scenario.ts';
import { loadStack } from '../scenario/load-stack.ts';
import { checkStackTools } from './check-stack-tools.ts';
import { loadSuite } from '../scenario/load-suite.ts';
import { BUILTIN_SCENARIOS, BUILTIN_STACKS } from './paths.ts';
import { loadArgoStack } from '../runner/argo-stack.ts';

/** What `firedrill validate` does for each kind of file: load it fully (schema and cross-checks). */
export const VALIDATORS: Record<string, (file: string) => Promise<string>> = {
  Scenario: async (file) => `Scenario ${(await loadScenario(file)).name}`,
  Stack: async (file) => {
    const s = await loadStack(file);
    checkStackTools(s);
    if (s.level === 'L0') return `Stack ${s.name} (${s.level})`;
    const argo = await loadArgoStack(s);
    return `Stack ${s.name} (${s.level}; Rollouts: ${argo.rollouts.map((r) => r.name).join(', ')})`;
  },
  Suite: async (file) => {
    const s = await loadSuite(file, { scenarios: BUILTIN_SCENARIOS, stacks: BUILTIN_STACKS });
    return `Suite ${s.name} (${s.jobs.length} runs)`;
  },
};
