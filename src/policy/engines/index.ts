export * from './policy-engine.ts';
export * from './policy-files.ts';
export * from './opa-binary.ts';
export { createCasbinEngine } from './casbin-engine.ts';
export { createOpaEvalEngine } from './opa-eval-engine.ts';
export { startOpaServerEngine } from './opa-server-engine.ts';
export { createPolicyEngine, POLICY_ENGINE_NAMES, type PolicyEngineName } from './create-policy-engine.ts';
