export { loadScenario } from './load-scenario.ts';
export type { Scenario } from './scenario.ts';
export { scenarioSchema, FAULT_CLASSES, FIX_CLASSES } from './scenario-schema.ts';
export { stackSchema, type StackFile } from './stack-schema.ts';
export { loadStack, type Stack } from './load-stack.ts';
export { loadConfigFile, IssueList } from './load-config-file.ts';
export { loadSuite, type Suite, type SuiteJob } from './load-suite.ts';
export { suiteSchema } from './suite-schema.ts';
