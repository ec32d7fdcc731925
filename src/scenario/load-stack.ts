import { access, readFile } from 'node:fs/promises';
import { loadRuleFile } from '../metrics/rules/rule-file.ts';
import { ConfigError } from '../util/errors.ts';
import { dirname, resolve } from 'node:path';
import { toMs } from './duration-schema.ts';
import { IssueList, loadConfigFile } from './load-config-file.ts';
import { stackSchema } from './stack-schema.ts';

/** A log-normal human time: median and the sigma that puts p90 where the stack file says. */
export interface HumanTime {
  medianMs: number;
  sigma: number;
}

export interface BurnWindow {
  longMs: number;
  shortMs: number;
  factor: number;
}

/** A validated stack with durations in ms and file paths resolved. */
export interface Stack {
  file: string;
  name: string;
  description: string;
  level: 'L0' | 'L1';
  pager: { evaluationIntervalMs: number; burnRateWindows: BurnWindow[]; alertRulesFile?: string };
  oncall: { ack: HumanTime; investigate: HumanTime; rollback: HumanTime; sources: string[] };
  scrapeIntervalMs: number;
  rollingUpdate: { steps: number; intervalMs: number };
  rolloutManifests: string[];
}

/** SRE Workbook, ch. 5 "Alerting on SLOs", table 5-8: the two paging windows. */
export const DEFAULT_BURN_WINDOWS: BurnWindow[] = [
  { longMs: 3_600_000, shortMs: 300_000, factor: 14.4 },
  { longMs: 21_600_000, shortMs: 1_800_000, factor: 6 },
];

const Z90 = 1.2815515655446004;

export async function loadStack(file: string): Promise<Stack> {
  const { value, source } = await loadConfigFile(file, stackSchema);
  const s = value.spec;
  const dir = dirname(file);
  const issues = new IssueList(source);
  const at = issues.addAt.bind(issues);

  const human = (key: 'ack' | 'investigate' | 'rollback'): HumanTime => {
    const median = toMs(s.oncall[key].median);
    const p90 = toMs(s.oncall[key].p90);
    if (p90 < median) at(['spec', 'oncall', key, 'p90'], `p90 (${s.oncall[key].p90}) is below the median (${s.oncall[key].median})`);
    return { medianMs: median, sigma: p90 > median && median > 0 ? Math.log(p90 / median) / Z90 : 0 };
  };
  const oncall = { ack: human('ack'), investigate: human('investigate'), rollback: human('rollback'), sources: s.oncall.sources };

  const manifests = (s.rollout?.manifests ?? []).map((m) => resolve(dir, m));
  for (const [i, m] of manifests.entries()) {
    if (!(await exists(m))) at(['spec', 'rollout', 'manifests', i], `file not found: ${m}`);
  }
  if (s.level === 'L1' && !s.rollout) at(['spec', 'level'], 'an L1 stack needs spec.rollout.manifests (a Rollout and its AnalysisTemplates)');
  if (s.level === 'L0' && s.rollout) at(['spec', 'rollout'], 'an L0 stack has no rollout automation', 'set level: L1, or remove spec.rollout');
  const alertRulesFile = s.pager.alertRules ? resolve(dir, s.pager.alertRules) : undefined;
  if (alertRulesFile && !(await exists(alertRulesFile))) at(['spec', 'pager', 'alertRules'], `file not found: ${alertRulesFile}`);
  else if (alertRulesFile) {
    try {
      loadRuleFile(await readFile(alertRulesFile, 'utf8'), alertRulesFile);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      issues.issues.push(...err.issues);
    }
  }
  issues.throwIfAny();

  return {
    file,
    name: value.metadata.name,
    description: value.metadata.description,
    level: s.level,
    pager: {
      evaluationIntervalMs: toMs(s.pager.evaluationInterval),
      burnRateWindows: s.pager.burnRateWindows?.map((w) => ({ longMs: toMs(w.long), shortMs: toMs(w.short), factor: w.factor })) ?? DEFAULT_BURN_WINDOWS,
      alertRulesFile,
    },
    oncall,
    scrapeIntervalMs: toMs(s.monitoring.scrapeInterval),
    rollingUpdate: { steps: s.rollingUpdate.steps, intervalMs: toMs(s.rollingUpdate.interval) },
    rolloutManifests: manifests,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
