export { Pager } from './pager.ts';
export { OnCallHuman, type OnCallActions } from './oncall-human.ts';
export { buildBurnRateRuleFile } from './burn-rate-rules.ts';
