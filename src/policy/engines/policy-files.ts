import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The default auto-apply policy shipped with the stacks (scenarios/stacks/policy/): a Casbin
 * model and policy, and the same policy in Rego for OPA.
 */
export const DEFAULT_POLICY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../scenarios/stacks/policy');

export interface PolicyFiles {
  casbinModel: string;
  casbinPolicy: string;
  rego: string;
}

export function listPolicyFiles(dir = DEFAULT_POLICY_DIR): PolicyFiles {
  return {
    casbinModel: join(dir, 'autoapply.model.conf'),
    casbinPolicy: join(dir, 'autoapply.policy.csv'),
    rego: join(dir, 'autoapply.rego'),
  };
}

/** The Rego query every OPA engine asks, as a data path. */
export const REGO_DECISION_PATH = 'firedrill/autoapply/decision';
