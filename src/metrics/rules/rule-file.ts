import { locateIssues, parseYamlSources, toDurationMs, validateWithSchema, type YamlPath, type YamlSource } from '../../config/index.ts';
import { ConfigError, type ConfigIssue } from '../../util/index.ts';
import type { Labels } from '../labels.ts';
import { PromqlParseError } from '../promql/errors.ts';
import { parseQuery } from '../promql/parse/parse-query.ts';
import { typeOf, type Expr } from '../promql/syntax-tree.ts';
import { findUnsupportedAction } from './alert-template.ts';
import { PROMETHEUS_DURATION, ruleFileSchema } from './rule-schema.ts';

/** A validated Prometheus rule file: durations in ms, every expression parsed. */
export interface AlertingRule {
  kind: 'alert';
  name: string;
  expr: string;
  query: Expr;
  forMs: number;
  keepFiringForMs: number;
  labels: Labels;
  annotations: Labels;
}

export interface RecordingRule {
  kind: 'record';
  name: string;
  expr: string;
  query: Expr;
  labels: Labels;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  name: string;
  /** Undefined: evaluated on every RuleEvaluator.evaluateAt call. */
  intervalMs?: number;
  queryOffsetMs: number;
  /** 0 = no limit on alerts (or recorded series) per rule. */
  limit: number;
  rules: Rule[];
}

export interface RuleFile {
  groups: RuleGroup[];
}

const HINT = 'the format is Prometheus\'s rule file (groups: [{name, rules: [{alert|record, expr, for, labels, annotations}]}])';

/** Parses and validates a rule file; throws ConfigError listing every problem with its YAML path. */
export function loadRuleFile(text: string, file = 'rules.yaml'): RuleFile {
  const { sources, issues } = parseYamlSources(text, file);
  if (issues.length > 0) throw new ConfigError(issues, 'fix the YAML syntax first');
  if (sources.length !== 1) throw new ConfigError([{ file, path: '', message: `expected one YAML document, found ${sources.length}` }], HINT);
  const yaml = sources[0];
  const parsed = validateWithSchema(yaml, ruleFileSchema, { unknownKeyHint: HINT });
  if (!parsed.value) throw new ConfigError(parsed.issues, HINT);
  const problems: ConfigIssue[] = [];
  const seenGroups = new Set<string>();
  const groups = parsed.value.groups.map((g, gi): RuleGroup => {
    if (seenGroups.has(g.name)) problems.push(issueAt(yaml, ['groups', gi, 'name'], `group name "${g.name}" is repeated in the same file`));
    seenGroups.add(g.name);
    const rules = g.rules.map((r, ri): Rule => {
      const path = ['groups', gi, 'rules', ri];
      const query = parseRuleExpr(yaml, [...path, 'expr'], r.expr, problems);
      const labels = { ...(g.labels ?? {}), ...(r.labels ?? {}) };
      checkTemplates(yaml, path, labels, 'annotations' in r ? r.annotations : undefined, problems);
      if ('alert' in r) {
        return {
          kind: 'alert', name: r.alert, expr: r.expr, query,
          forMs: ms(r.for), keepFiringForMs: ms(r.keep_firing_for), labels, annotations: r.annotations ?? {},
        };
      }
      return { kind: 'record', name: r.record, expr: r.expr, query, labels };
    });
    return { name: g.name, intervalMs: g.interval ? ms(g.interval) : undefined, queryOffsetMs: ms(g.query_offset), limit: g.limit ?? 0, rules };
  });
  if (problems.length > 0) throw new ConfigError(problems, HINT);
  return { groups };
}

function ms(d: string | undefined): number {
  return d === undefined ? 0 : toDurationMs(d, PROMETHEUS_DURATION);
}

function parseRuleExpr(y: YamlSource, path: YamlPath, text: string, problems: ConfigIssue[]): Expr {
  try {
    const expr = parseQuery(text);
    const t = typeOf(expr);
    if (t !== 'vector' && t !== 'scalar') problems.push(issueAt(y, path, `expr must be an instant vector or a scalar, got a ${t === 'matrix' ? 'range vector' : t}`));
    return expr;
  } catch (err) {
    if (!(err instanceof PromqlParseError)) throw err;
    problems.push(issueAt(y, path, `invalid PromQL: ${err.message}`, err.hint));
    return { kind: 'number', value: 0, pos: { start: 0, end: 0 } };
  }
}

function checkTemplates(y: YamlSource, path: YamlPath, labels: Labels, annotations: Labels | undefined, problems: ConfigIssue[]): void {
  for (const [kind, map] of [['labels', labels], ['annotations', annotations ?? {}]] as const) {
    for (const [k, v] of Object.entries(map)) {
      const bad = findUnsupportedAction(v);
      if (bad) {
        problems.push(issueAt(y, [...path, kind, k], `unsupported template action ${bad}`, 'use {{ $labels.<name> }} or {{ $value }}, optionally | humanize, | humanizePercentage or | printf "%.2f"'));
      }
    }
  }
}

/** A problem at a YAML path, located as line:column. */
function issueAt(y: YamlSource, path: YamlPath, message: string, hint?: string): ConfigIssue {
  return locateIssues([{ path, message, ...(hint ? { hint } : {}) }], y)[0];
}
