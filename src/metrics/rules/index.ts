export { loadRuleFile, type AlertingRule, type RecordingRule, type Rule, type RuleFile, type RuleGroup } from './rule-file.ts';
export {
  RuleEvaluator, type Alert, type AlertChange, type AlertState, type RuleEvaluation, type RuleEvaluatorOptions,
} from './rule-evaluator.ts';
