import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mustBeOneOf } from '../config/one-of.ts';
import { LATENCY_BUCKETS } from '../testbed/sdk.ts';
import { toMs } from './duration-schema.ts';
import { IssueList, loadConfigFile } from './load-config-file.ts';
import type { Scenario } from './scenario.ts';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.ts';
import { readTestbedLayout, type TestbedLayout } from './testbed-layout.ts';

/**
 * Loads a scenario file: schema first (every problem at once, with line:column), then a second
 * pass that checks what the schema cannot: services, files and hunks that must exist in the
 * testbed, and an SLO threshold the latency histogram can measure.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  const { value, source } = await loadConfigFile(file, scenarioSchema);
  const testbedDir = resolve(dirname(file), value.spec.testbed);
  const layout = await readTestbedLayout(testbedDir);
  const issues = new IssueList(source);
  await crossCheck(value, layout, issues);
  issues.throwIfAny('fix the references above; `firedrill validate` checks a file without running it');
  const s = value.spec;
  return {
    file,
    name: value.metadata.name,
    description: value.metadata.description,
    testbedDir,
    slo: { objective: s.slo.objective, latencyThresholdMs: toMs(s.slo.latencyThreshold), windowMs: toMs(s.slo.window) },
    load: { rate: s.load.rate, maxInFlight: s.load.maxInFlight, timeoutMs: toMs(s.load.timeout), mix: s.load.mix },
    baselineMs: toMs(s.baseline),
    durationMs: toMs(s.duration),
    maxDurationMs: Math.max(toMs(s.maxDuration), toMs(s.duration)),
    interference: s.interference.map((i) => ({ service: i.service, startMs: toMs(i.start), durationMs: toMs(i.duration), errorRatio: i.errorRatio, message: i.message })),
    deploy: s.deploy,
    truth: s.truth,
    services: layout!.services,
    entryService: layout!.entry,
  };
}

async function crossCheck(value: ScenarioFile, layout: TestbedLayout | undefined, issues: IssueList): Promise<void> {
  const at = issues.addAt.bind(issues);
  const s = value.spec;
  if (!layout) {
    at(['spec', 'testbed'], `testbed folder not found (no services/ under it)`, 'the default is "testbed", next to the scenario file');
    return;
  }
  const serviceList = layout.services.join(', ');
  if (!layout.services.includes(s.deploy.service)) {
    at(['spec', 'deploy', 'service'], `unknown service "${s.deploy.service}" (services: ${serviceList})`);
  }
  if (s.truth.bad && !layout.services.includes(s.truth.service)) {
    at(['spec', 'truth', 'service'], `unknown service "${s.truth.service}" (services: ${serviceList})`);
  }
  for (const [i, x] of s.interference.entries()) {
    if (!layout.services.includes(x.service)) at(['spec', 'interference', i, 'service'], `unknown service "${x.service}" (services: ${serviceList})`);
  }
  const thresholdS = toMs(s.slo.latencyThreshold) / 1000;
  if (!LATENCY_BUCKETS.includes(thresholdS as (typeof LATENCY_BUCKETS)[number])) {
    at(['spec', 'slo', 'latencyThreshold'], `${s.slo.latencyThreshold} is not a histogram bucket boundary, so no query can count requests above it`,
      `latencyThreshold ${mustBeOneOf(LATENCY_BUCKETS.map((b) => (b < 1 ? `${b * 1000}ms` : `${b}s`)))}`);
  }
  const changed = new Set<string>();
  for (const [i, change] of s.deploy.changes.entries()) {
    changed.add(change.file);
    const exists = layout.files.has(change.file);
    if (('edits' in change || 'delete' in change) && !exists) {
      at(['spec', 'deploy', 'changes', i, 'file'], `file "${change.file}" does not exist in the testbed`, nearest(change.file, layout.files));
      continue;
    }
    if ('edits' in change) {
      const text = await readFile(resolve(layout.dir, change.file), 'utf8');
      for (const [j, edit] of change.edits.entries()) {
        const count = text.split(edit.find).length - 1;
        if (count !== 1) at(['spec', 'deploy', 'changes', i, 'edits', j, 'find'], `text found ${count} times in ${change.file} (must be exactly once)`, 'copy the exact text, including indentation');
      }
    }
  }
  if (s.truth.bad && !changed.has(s.truth.culprit.file)) {
    at(['spec', 'truth', 'culprit', 'file'], `"${s.truth.culprit.file}" is not among the deploy's changed files (${[...changed].join(', ')})`);
  }
  const truth = s.truth;
  if (truth.bad && truth.fix) await checkFix(truth.fix.changes, s.deploy.changes, layout, issues);
  if (truth.bad && changed.has(truth.culprit.file)) {
    const change = s.deploy.changes.find((c) => c.file === truth.culprit.file)!;
    const added = 'content' in change ? change.content : 'edits' in change ? change.edits.map((e) => e.replace).join('\n') : '';
    if (!added.includes(truth.culprit.contains)) {
      at(['spec', 'truth', 'culprit', 'contains'], `the change to ${change.file} adds no text containing this`, 'quote a line the change adds');
    }
  }
}

/** The ground truth's fix must apply to the deployed revision: its edits find their text there exactly once. */
async function checkFix(fix: ScenarioFile['spec']['deploy']['changes'], deploy: ScenarioFile['spec']['deploy']['changes'], layout: TestbedLayout, issues: IssueList): Promise<void> {
  for (const [i, change] of fix.entries()) {
    if (!('edits' in change)) continue;
    const deployed = deploy.find((c) => c.file === change.file);
    let text: string | undefined = layout.files.has(change.file) ? await readFile(resolve(layout.dir, change.file), 'utf8') : undefined;
    if (deployed && 'content' in deployed) text = deployed.content;
    else if (deployed && 'delete' in deployed) text = undefined;
    else if (deployed && 'edits' in deployed && text !== undefined) for (const e of deployed.edits) text = text.replace(e.find, () => e.replace);
    if (text === undefined) {
      issues.addAt(['spec', 'truth', 'fix', 'changes', i, 'file'], `file "${change.file}" does not exist in the deployed revision`);
      continue;
    }
    for (const [j, edit] of change.edits.entries()) {
      const count = text.split(edit.find).length - 1;
      if (count !== 1) issues.addAt(['spec', 'truth', 'fix', 'changes', i, 'edits', j, 'find'], `text found ${count} times in the deployed ${change.file} (must be exactly once)`, 'the fix edits the deployed revision: copy text from it');
    }
  }
}

function nearest(file: string, files: Set<string>): string | undefined {
  const base = file.split('/').pop();
  const match = [...files].find((f) => f.endsWith(`/${base}`));
  return match ? `did you mean "${match}"?` : undefined;
}
