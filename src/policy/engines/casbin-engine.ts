import { newEnforcer } from 'casbin';
import { UserInputError } from '../../util/errors.ts';
import { listPolicyFiles } from './policy-files.ts';
import { decideFromOutcomes, type ClassOutcome, type PolicyEngine, type PolicyInput } from './policy-engine.ts';

/**
 * The default engine: Casbin (npm `casbin`) with a model and policy file. Each class is one
 * request (sub = the class and its measurements, act = "auto-apply"); the line that matched is
 * Casbin's explanation, and its last field is the id the decision reports.
 */
export async function createCasbinEngine(files: { model: string; policy: string } = defaultFiles()): Promise<PolicyEngine> {
  let enforcer: Awaited<ReturnType<typeof newEnforcer>>;
  try {
    enforcer = await newEnforcer(files.model, files.policy);
  } catch (err) {
    throw new UserInputError(`cannot load the Casbin policy (${files.model}, ${files.policy}): ${(err as Error).message}`, {
      hint: 'check the model sections ([request_definition], [policy_definition], [policy_effect], [matchers]) and the CSV lines',
      cause: err,
    });
  }
  return {
    name: 'casbin',
    async decide(input: PolicyInput) {
      const outcomes: ClassOutcome[] = [];
      for (const c of input.classes) {
        const [allowed, line] = await enforcer.enforceEx({ ...c }, 'auto-apply');
        const id = line.length > 0 ? line[line.length - 1] : 'no-rule';
        outcomes.push({ eft: allowed ? 'allow' : 'deny', id });
      }
      return decideFromOutcomes(input.classes, outcomes);
    },
    close: async () => {},
  };
}

function defaultFiles(): { model: string; policy: string } {
  const f = listPolicyFiles();
  return { model: f.casbinModel, policy: f.casbinPolicy };
}
