import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Proposal } from '../../agents/protocol/agent-answer.ts';
import { guardPatch, DEFAULT_FORBIDDEN_PATHS, DEFAULT_MAX_PATCH_BYTES } from '../../fixes/guard-patch.ts';
import { renderPullRequest } from '../../fixes/render-pr.ts';
import { runRepoTests, type RepoTestResult } from '../../fixes/run-repo-tests.ts';
import { drawHumanTime, humanTimeCap } from '../../oncall/human-time.ts';
import type { Stack } from '../../scenario/load-stack.ts';
import type { Timeline } from '../../timeline/timeline.ts';
import { parseUnifiedDiff, pathOf } from '../../util/unified-diff.ts';
import type { Rng } from '../../util/rng.ts';
import type { World } from '../../world/world.ts';
import { runHeld } from '../run-held.ts';
import type { DeployStrategy } from '../start-remediation.ts';
import { loadTemplatesAt, MANIFEST_DIR } from './deploy-fix.ts';
import type { PolicyGate } from './policy-gate.ts';
import { classifyProposal, createGitFileReader, fixClassesOf } from '../../policy/index.ts';
import type { EventPayload, EventType } from '../../timeline/event-catalog.ts';

/** The PR a fix became, for the report (pr.md). */
export interface FixPr {
  branch: string;
  commit: string;
  markdown: string;
  github?: { number: number; url: string };
}

/** Review, CI and merge draws stop at this many times their p90. */
export const REVIEW_CAP_P90 = 2;
/** Room for the fix's own canary after the merge: the longest built-in rollout is about 6 minutes. */
const FIX_ROLLOUT_ALLOWANCE_MS = 20 * 60_000;

/**
 * How much longer than the scenario's maxDuration a run with fix PRs may go: its longest PR
 * pipeline and the fix's rollout, so a slow review never leaves a correct fix unproven.
 */
export function fixPipelineAllowanceMs(stack: Stack): number {
  const r = stack.review;
  if (!r) return 0;
  return humanTimeCap(r.checks, REVIEW_CAP_P90) + humanTimeCap(r.review, REVIEW_CAP_P90) + humanTimeCap(r.merge, REVIEW_CAP_P90) + FIX_ROLLOUT_ALLOWANCE_MS;
}

export interface FixPipeline {
  /** The agent's proposal: guard, commit, checks, then (L4) the policy gate or (L3) a human's review, then the redeploy. */
  propose(proposal: Proposal, agentId: string): void;
  /** 'open' from the proposal until the fix is deployed (or refused). */
  settledAt(): number | 'open';
  /** While a merged fix rolls out, the on-call waits for it rather than rolling back over it. */
  standDown(): { why: string; until: Promise<void> } | undefined;
  readonly pr: FixPr | undefined;
}

/**
 * L3 and L4: what happens to an agent's fix. Nothing touches disk before the guard has read the
 * patch as data; then `git apply --check` on the deployed commit, a commit on a fix branch, the
 * repo's own tests in a sandbox, the PR. At L3 a seeded reviewer approves green PRs and merges;
 * at L4 the policy gate lets permitted classes through without a human (the rest go to review).
 * The merged fix ships as the next revision through the same Rollout and analysis, under the
 * same load: whether it is correct is what users see afterwards (the scorer reads it).
 */
export function startFixPipeline(opts: {
  stack: Stack; world: World; timeline: Timeline; rng: Rng; strategy: DeployStrategy; runKey: string;
  gate?: PolicyGate; fail: (err: Error) => void;
}): FixPipeline {
  const { stack, world, timeline } = opts;
  const review = stack.review!;
  // Drawn up front: the seeded streams do not depend on what the agent proposed. Capped (a
  // review during an incident does not take a day).
  const draw = (t: typeof review.checks): number => drawHumanTime(opts.rng, t, { capP90: REVIEW_CAP_P90 });
  const times = { checks: draw(review.checks), review: draw(review.review), merge: draw(review.merge) };
  let state: 'idle' | 'working' | 'deploying' | 'done' = 'idle';
  let fixRollout: Promise<void> | undefined;
  let lastAct = 0;
  let pr: FixPr | undefined;
  const emit = <K extends EventType>(type: K, data: EventPayload<K>): void => {
    lastAct = world.clock.now();
    timeline.emit(lastAct, 'fix', type, data);
  };

  async function run(proposal: Proposal, agentId: string): Promise<void> {
    const ws = world.workspace;
    emit('fix.proposed', { agent: agentId, title: proposal.title.slice(0, 200), claimedClass: proposal.fixClass, bytes: Buffer.byteLength(proposal.patch) });
    const rejections = guardPatch(proposal.patch, { forbidden: stack.pr?.forbiddenPaths ?? DEFAULT_FORBIDDEN_PATHS, maxBytes: stack.pr?.maxPatchBytes ?? DEFAULT_MAX_PATCH_BYTES });
    if (rejections.length) return done('fix.rejected', { stage: 'guard', reasons: rejections.map((r) => `${r.kind}: ${r.message}`) });
    const applies = await held('git apply --check', ws.checkPatch(ws.v2, proposal.patch));
    if (!applies.ok) return done('fix.rejected', { stage: 'apply', reasons: [`does not apply on ${ws.v2.slice(0, 12)}: ${applies.message}`] });
    const branch = `firedrill/fix-${opts.runKey}`;
    const message = `${proposal.title}\n\n${proposal.body ?? ''}`.trim();
    const commit = await held('git commit', ws.addCommit({ parent: ws.v2, patch: proposal.patch, message, author: `${agentId} <agent@firedrill.invalid>`, branch }));
    const files = parseUnifiedDiff(proposal.patch).files.map(pathOf);
    emit('fix.committed', { commit: commit.slice(0, 12), branch, files, ...countLines(proposal.patch) });
    // What the fix is, read from its diff (never from the agent's claim): for the scorer and the gate.
    const classified = await held('classify', classifyProposal({ patch: proposal.patch, deployDiff: ws.diff, readFile: createGitFileReader(ws.dir, ws.v2) }));
    emit('fix.classified', { classes: classified.classes.map((c) => ({ class: c.class, file: c.file, detail: c.detail })), fixClasses: fixClassesOf(classified.classes) });

    const checks = await runHeld({
      clock: world.clock, timeline, source: 'fix', what: 'the repo\'s tests (sandboxed)', charge: { modeledMs: times.checks },
      work: ws.worktreeOf(commit).then((dir) => runRepoTests(dir)),
    });
    emit('fix.checks', { ok: checks.ok, network: checks.sandbox.network, files: checks.files.map((f) => ({ file: f.file, ok: f.ok, passed: f.passed, failed: f.failed })), ...(checks.reason ? { reason: checks.reason } : {}) });
    pr = { branch, commit, markdown: renderPullRequest({ title: proposal.title, body: proposal.body ?? '', branch, base: 'main', commit, author: agentId, patch: proposal.patch, checks }) };
    await openOnGitHub(proposal, branch, commit, files);
    emit('fix.pr.opened', { branch, title: proposal.title.slice(0, 200), ...(pr.github ? { github: pr.github.url } : {}) });

    if (opts.gate) {
      const gated = await held('policy decision', opts.gate.decide(proposal, { repoDir: ws.dir, deployed: ws.v2, deployDiff: ws.diff, at: world.clock.now() }));
      timeline.emit(world.clock.now(), 'policy', 'policy.decided', {
        engine: opts.gate.engineName, verdict: gated.decision.verdict, rule: gated.decision.rule, reasons: gated.decision.reasons,
        classes: gated.classification.classes.map((c) => ({ class: c.class, file: c.file, detail: c.detail })),
      });
      if (gated.decision.verdict === 'allow' && checks.ok) {
        await held('audit', opts.gate.applied({ commit, branch, patchSha256: gated.patchSha256, classes: gated.classification.classes.map((c) => c.class) }, world.clock.now()));
        emit('fix.auto-applied', { commit: commit.slice(0, 12), by: `policy (${opts.gate.engineName})` });
        return deploy(commit, checks);
      }
    }
    if (!checks.ok) return done('fix.closed', { reason: `checks failed: ${checks.reason ?? 'tests failed'}` });
    await world.clock.sleep(times.review);
    emit('fix.reviewed', { approved: true, by: 'reviewer', afterMs: times.review });
    await world.clock.sleep(times.merge);
    emit('fix.merged', { commit: commit.slice(0, 12), branch, afterMs: times.merge });
    return deploy(commit, checks);
  }

  async function deploy(commit: string, _checks: RepoTestResult): Promise<void> {
    state = 'deploying';
    if (!opts.strategy.deployRevision) return done('fix.not-deployed', { reason: 'this stack deploys without a Rollout' });
    const ws = world.workspace;
    const diff = await held('git diff', ws.diffBetween(ws.v2, commit));
    if (diff.includes(`a/${MANIFEST_DIR}/`) || diff.includes(`b/${MANIFEST_DIR}/`)) {
      try {
        const manifests = await held('load manifests', ws.worktreeOf(commit).then(loadTemplatesAt));
        opts.strategy.applyTemplates?.(manifests.templates, manifests.clusterTemplates);
        emit('fix.templates.applied', { templates: manifests.templates.map((t) => t.name) });
      } catch (err) {
        return done('fix.not-deployed', { reason: (err as Error).message });
      }
    }
    timeline.emit(world.clock.now(), 'harness', 'deploy.started', { service: world.deployService, commit: commit.slice(0, 12), role: 'fix', strategy: 'argo-canary', message: 'the fix' });
    fixRollout = opts.strategy.deployRevision(commit);
    await fixRollout;
    state = 'done';
  }

  async function openOnGitHub(proposal: Proposal, branch: string, commit: string, files: string[]): Promise<void> {
    const gh = stack.pr?.github;
    const token = gh ? process.env[gh.tokenEnv] : undefined;
    if (!gh || !token || !pr) return;
    const dir = await held('worktree', world.workspace.worktreeOf(commit));
    const contents = await held('read files', Promise.all(files.map(async (path) => ({ path, content: await readFile(join(dir, path), 'utf8').catch(() => undefined) }))));
    // Octokit loads only when a PR goes to GitHub (held: loading is real work, virtual time waits).
    const { openGitHubPr } = await held('load the GitHub client', import('../../fixes/open-github-pr.ts'));
    pr.github = await held('GitHub PR', openGitHubPr({ repository: gh.repository, baseUrl: gh.baseUrl, token, base: gh.base }, {
      branch, title: proposal.title, body: pr.markdown, files: contents, message: `${proposal.title}\n\n${proposal.body ?? ''}`.trim(),
    }));
  }

  /** Real work in virtual time: held, charged nothing (its cost is in the checks and review times). */
  async function held<T>(what: string, work: Promise<T>): Promise<T> {
    void what;
    return (await world.clock.hold(work)).value;
  }

  function done<K extends EventType>(type: K, data: EventPayload<K>): void {
    emit(type, data);
    state = 'done';
  }

  return {
    propose(proposal, agentId) {
      if (state !== 'idle') return;
      state = 'working';
      void run(proposal, agentId).catch((err: unknown) => {
        done('fix.failed', { reason: (err as Error).message.slice(0, 500) });
        if ((err as { exitCode?: number }).exitCode === 3) opts.fail(err as Error);
      });
    },
    settledAt: () => (state === 'working' ? 'open' : lastAct),
    standDown: () => (state === 'deploying' && fixRollout ? { why: 'a merged fix is rolling out', until: fixRollout } : undefined),
    get pr() {
      return pr;
    },
  };
}

function countLines(patch: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const f of parseUnifiedDiff(patch).files) for (const h of f.hunks) for (const l of h.lines) {
    if (l.kind === '+') additions++;
    else if (l.kind === '-') deletions++;
  }
  return { additions, deletions };
}
