export { Pager } from './pager.ts';
export { OnCallHuman, type OnCallActions } from './oncall-human.ts';
export { buildBurnRateRules, type PagerRule } from './burn-rate-rules.ts';
