import { describe, expect, it } from 'vitest';
import { loadArgoManifests } from '../../../src/rollout/manifests/load-argo-manifests.ts';
import { computePauseDurationSeconds } from '../../../src/rollout/spec/pause-duration.ts';
import { TEMPLATE } from './harness.ts';

const rollout = (canary: string, spec = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
spec:
  replicas: 3
${spec}
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers: [{name: checkout, image: checkout:1}]
  strategy:
    canary:
${canary}
`;

const issuesOf = (yaml: string): string[] => loadArgoManifests(yaml, 'r.yaml').issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);

describe('loadArgoManifests: Rollout', () => {
  it('accepts a canary with every supported step and keeps what was written', () => {
    const r = loadArgoManifests(rollout(`      trafficRouting: {nginx: {stableIngress: checkout}}
      canaryService: c
      stableService: s
      maxSurge: "25%"
      maxUnavailable: 0
      scaleDownDelaySeconds: 10
      abortScaleDownDelaySeconds: 0
      steps:
      - setWeight: 20
      - pause: {duration: 90}
      - pause: {duration: "1m30s"}
      - pause: {}
      - setCanaryScale: {replicas: 2}
      - analysis: {templates: [{templateName: smoke}]}`, '  progressDeadlineSeconds: 300\n  progressDeadlineAbort: true'), 'r.yaml');
    expect(r.issues).toEqual([]);
    const c = r.rollouts[0].spec.strategy.canary;
    expect(c.steps.map((s) => s.type)).toEqual(['setWeight', 'pause', 'pause', 'pause', 'setCanaryScale', 'analysis']);
    expect(c.trafficRouting).toEqual({ providers: ['nginx'] });
    expect(r.rollouts[0].spec).toMatchObject({ replicas: 3, progressDeadlineSeconds: 300, progressDeadlineAbort: true });
  });

  it('reads pause durations like RolloutPause.DurationSeconds (int, "int", Go duration)', () => {
    expect([90, '90', '1m30s', '1.9s', '2h', 'abc', '1d', undefined].map((d) => computePauseDurationSeconds(d))).toEqual([90, 90, 90, 1, 7200, -1, -1, 0]);
  });

  it('reports every problem at once, each with its YAML path, line and column', () => {
    const yaml = rollout(`      maxSurge: 0
      maxUnavailable: 0
      scaleDownDelaySeconds: 5
      steps:
      - setWeight: 120
      - pause: {duration: 2x}
      - setWeight: 10
        pause: {}
      - {}
      - setCanaryScale: {weight: 10}
      - experiment: {templates: []}
      - setWieght: 5`);
    // In reading order; Argo puts the setCanaryScale problem on trafficRouting (absent: its parent).
    expect(issuesOf(yaml)).toEqual([
      '17:7 spec.strategy.canary.trafficRouting: SetCanaryScale requires TrafficRouting to be set',
      '17:17 spec.strategy.canary.maxSurge: MaxSurge and MaxUnavailable both can not be zero',
      '19:30 spec.strategy.canary.scaleDownDelaySeconds: Canary scaleDownDelaySeconds can only be used with traffic routing',
      '21:20 spec.strategy.canary.steps[0].setWeight: SetWeight needs to be between 0 and 100',
      '22:27 spec.strategy.canary.steps[1].pause.duration: time: unknown unit "x" in duration "2x"',
      '23:9 spec.strategy.canary.steps[2]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
      '25:9 spec.strategy.canary.steps[3]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
      '27:9 spec.strategy.canary.steps[5].experiment: experiment steps are not supported yet (supported step types: setWeight, pause, analysis, setCanaryScale)',
      '28:9 spec.strategy.canary.steps[6].setWieght: unknown field "setWieght"',
      '28:9 spec.strategy.canary.steps[6]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
    ]);
  });

  it('rejects blue-green, naming what is supported', () => {
    const yaml = rollout('').replace('    canary:\n', '    blueGreen: {activeService: a}\n');
    expect(issuesOf(yaml)).toEqual(['16:5 spec.strategy.blueGreen: the blue-green strategy is not supported yet (supported: spec.strategy.canary)']);
  });

  it('rejects known-but-unsupported fields by name, and unknown ones as unknown', () => {
    const yaml = rollout('      dynamicStableScale: true\n      steps: [{setWeight: 10}]', '  restartAt: "2020-03-30T21:19:35Z"\n  bogus: 1');
    expect(issuesOf(yaml)).toEqual([
      '7:3 spec.restartAt: restartAt (restarting pods) is not supported yet',
      '8:3 spec.bogus: unknown field "bogus"',
      '18:7 spec.strategy.canary.dynamicStableScale: dynamicStableScale is not supported yet (supported: the stable ReplicaSet stays at full scale during the update)',
    ]);
  });

  it('checks types and says what it found', () => {
    const yaml = rollout('      steps: [{setWeight: "20"}]', '  paused: "no"');
    expect(issuesOf(yaml)).toEqual([
      '7:11 spec.paused: expected boolean, got string "no"',
      '17:27 spec.strategy.canary.steps[0].setWeight: expected number, got string "20"',
    ]);
  });

  it('resolves fieldRef args it can (metadata, spec.*) and names the ones that need a cluster', () => {
    const yaml = rollout(`      analysis:
        templates: [{templateName: error-rate}]
        args:
        - {name: a, valueFrom: {fieldRef: {fieldPath: "metadata.labels['team']"}}}
        - {name: b, valueFrom: {fieldRef: {fieldPath: spec.template.metadata.labels.app}}}
        - {name: c, valueFrom: {fieldRef: {fieldPath: status.alb.canaryTargetGroup.name}}}
        - {name: d, valueFrom: {fieldRef: {fieldPath: metadata.generation}}}
        - {name: e, valueFrom: {fieldRef: {fieldPath: spec.nope}}}
      steps: [{setWeight: 10}]`);
    expect(issuesOf(yaml).map((i) => i.replace(/^\d+:\d+ /, ''))).toEqual([
      "spec.strategy.canary.analysis.args[2].valueFrom.fieldRef.fieldPath: argument 'c' could not be resolved: fieldRef 'status.alb.canaryTargetGroup.name' reads the Rollout status that a cluster controller writes",
      'spec.strategy.canary.analysis.args[3].valueFrom.fieldRef.fieldPath: Analyses arguments must refer to valid object metadata supported by downwardAPI',
      "spec.strategy.canary.analysis.args[4].valueFrom.fieldRef.fieldPath: argument 'e' could not be resolved: invalid path spec.nope in rollout",
    ]);
  });

  it('checks references against the templates in the same file; all of them when required', () => {
    const yaml = `${rollout(`      analysis:
        templates: [{templateName: error-rate}, {templateName: elsewhere}]
        args: [{name: service-name, value: checkout}]
      steps:
      - setWeight: 10
      - analysis: {templates: [{templateName: error-rate}]}`)}---\n${TEMPLATE}`;
    const paths = (requireTemplates: boolean): string[] =>
      loadArgoManifests(yaml, 'r.yaml', { requireTemplates }).issues.map((i) => `${i.path}: ${i.message}`);
    // Like kubectl argo rollouts lint, a template absent from the file is not an error by default.
    // error-rate runs indefinitely (interval, no count): fine in the background, not as a step.
    expect(paths(false)).toEqual([
      'spec.strategy.canary.steps[1].analysis.templates: AnalysisTemplate error-rate has metric error-rate which runs indefinitely. Invalid value for count: <nil>',
      'spec.strategy.canary.steps[1].analysis.args: args.service-name was not resolved',
    ]);
    expect(paths(true)).toEqual([
      'spec.strategy.canary.steps[1].analysis.templates: AnalysisTemplate error-rate has metric error-rate which runs indefinitely. Invalid value for count: <nil>',
      'spec.strategy.canary.steps[1].analysis.args: args.service-name was not resolved',
      "spec.strategy.canary.analysis.templates: AnalysisTemplate 'elsewhere' not found",
    ]);
  });
});

describe('loadArgoManifests: files', () => {
  it('dispatches a multi-document file by kind and lists plain Kubernetes kinds as ignored', () => {
    const yaml = `${rollout('      steps: [{setWeight: 10}]')}---\napiVersion: v1\nkind: Service\nmetadata: {name: checkout}\nspec: {selector: {app: checkout}}\n---\n${TEMPLATE}`;
    const r = loadArgoManifests(yaml, 'r.yaml');
    expect(r.issues).toEqual([]);
    expect(r.rollouts.map((x) => x.name)).toEqual(['checkout']);
    expect(r.analysisTemplates.map((t) => t.name)).toEqual(['error-rate', 'smoke']);
    expect(r.ignored).toEqual([{ document: 1, apiVersion: 'v1', kind: 'Service', name: 'checkout' }]);
  });

  it('rejects AnalysisRun and unknown argoproj kinds, and documents without a kind', () => {
    const yaml = 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisRun\nmetadata: {name: x}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Experiment\n---\nfoo: bar\n';
    expect(issuesOf(yaml)).toEqual([
      "2:7 kind: an AnalysisRun is created by the rollout controller from a Rollout's templates; firedrill does not run one directly",
      '6:7 kind: Experiments are not supported yet',
      '8:1 apiVersion: required (expected string)',
      '8:1 kind: required (expected string)',
    ]);
  });

  it('reports YAML syntax errors with their position, and reads documents indented as a whole', () => {
    expect(issuesOf('a: [1,\n')[0]).toMatch(/^\d+:\d+ : YAML syntax: /);
    const indented = rollout('      steps: [{setWeight: 10}]').split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
    expect(loadArgoManifests(indented, 'r.yaml').rollouts).toHaveLength(1);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '---', '42', '- a', 'kind: Rollout\napiVersion: argoproj.io/v1alpha1\nspec: 3', '\t: :']) {
      expect(() => loadArgoManifests(text, 'x.yaml')).not.toThrow();
    }
  });

  it('checks that a Service named by the rollout selects its pods (as kubectl argo rollouts lint does)', () => {
    const yaml = `${rollout('      canaryService: c\n      steps: [{setWeight: 10}]')}---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\nspec: {selector: {app: other}}\n`;
    expect(issuesOf(yaml).map((i) => i.replace(/^\d+:\d+ /, ''))).toEqual(['spec.strategy.canary.canaryService: Service "c" has unmatch label "app" in rollout']);
  });
});
