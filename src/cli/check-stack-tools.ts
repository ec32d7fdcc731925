import { checkOpaAvailable } from '../policy/engines/opa-binary.ts';
import type { Stack } from '../scenario/load-stack.ts';
import { ConfigError } from '../util/errors.ts';

/**
 * The programs a stack needs beyond firedrill itself, checked when the stack is validated or
 * before a run starts: a stack whose policy engine is OPA fails here, with how to build opa.
 */
export function checkStackTools(stack: Stack): void {
  if (stack.policy?.engine !== 'opa' && stack.policy?.engine !== 'opa-eval') return;
  const missing = checkOpaAvailable('spec.policy.engine');
  if (missing) throw new ConfigError([{ ...missing, file: stack.file }]);
}
