import { createOpaEvalEngine } from './opa-eval-engine.ts';
import { startOpaServerEngine } from './opa-server-engine.ts';
import { listPolicyFiles } from './policy-files.ts';
import type { PolicyEngine } from './policy-engine.ts';

/**
 * The engine a stack names: `casbin` (the default), `opa` (a server for the run's lifetime) or
 * `opa-eval` (a process per decision). `policyDir` holds autoapply.model.conf,
 * autoapply.policy.csv and autoapply.rego; close() the engine when the run ends.
 */
export type PolicyEngineName = 'casbin' | 'opa' | 'opa-eval';

export const POLICY_ENGINE_NAMES: readonly PolicyEngineName[] = ['casbin', 'opa', 'opa-eval'];

export async function createPolicyEngine(name: PolicyEngineName, opts: { policyDir?: string; opaBinary?: string } = {}): Promise<PolicyEngine> {
  const files = listPolicyFiles(opts.policyDir);
  // casbin loads with the first L4 run, not at every start (suite workers mostly run L0-L1).
  if (name === 'casbin') return (await import('./casbin-engine.ts')).createCasbinEngine({ model: files.casbinModel, policy: files.casbinPolicy });
  if (name === 'opa-eval') return createOpaEvalEngine({ rego: files.rego, binary: opts.opaBinary });
  return startOpaServerEngine({ rego: files.rego, binary: opts.opaBinary });
}
