export { Pager } from './pager.ts';
export { OnCallHuman, type OnCallActions, type DiagnosisQuality, type DiagnosisFactors } from './oncall-human.ts';
export { buildBurnRateRuleFile } from './burn-rate-rules.ts';
