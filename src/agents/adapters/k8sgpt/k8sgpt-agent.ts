import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfraError, UserInputError } from '../../../util/errors.ts';
import { runChildProcess, type ChildProcessResult, type ChildProcessRunner } from '../../../util/run-child-process.ts';
import { AgentFailure, type Agent } from '../../agent.ts';
import { AGENT_ANSWER_SCHEMA, type AgentAnswer } from '../../protocol/agent-answer.ts';
import type { IncidentBundle } from '../../protocol/incident-bundle.ts';
import { describeK8sGptPin, findK8sGpt } from './find-k8sgpt.ts';
import { toDiagnosis } from './k8sgpt-diagnosis.ts';
import { planK8sGptAnalyze } from './k8sgpt-invocation.ts';
import { parseK8sGptOptions } from './k8sgpt-options.ts';
import { parseK8sGptOutput, splitK8sGptStdout } from './k8sgpt-output.ts';

/** The backends with a Kubernetes API for K8sGPT to read (World.kubeAccess). */
const CLUSTER_BACKENDS = ['cluster', 'kind'];
const CLUSTER_HINT = 'K8sGPT reads Kubernetes objects: run on the cluster backend (`firedrill cluster up`, then `firedrill run SCENARIO --stack STACK --cluster firedrill`; or --kubeconfig FILE, or --backend kind)';
/** A namespace's findings are kilobytes; past this k8sgpt is killed. */
const MAX_STDOUT_BYTES = 8 * 1024 * 1024;
const STDERR_TAIL = 4096;

export interface K8sGptDeps {
  /** Runs the k8sgpt process (tests inject one). */
  run?: ChildProcessRunner;
  /** Where the binary is (default: the pinned build, then PATH). */
  find?: () => string | undefined;
  /** The environment k8sgpt's own is made from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * `k8sgpt`: K8sGPT's analyzers on the run's namespace, as an L2 diagnostician. It runs
 * `k8sgpt analyze --output json` with the run's kubeconfig (World.kubeAccess, through the agent's
 * run context), without --explain unless the stack names an AI backend; its findings become a
 * diagnosis (toDiagnosis). It cannot work where there is no cluster (sim, local) or no binary:
 * checkBackend says so before the run starts. It reads the cluster, never the toolbox.
 */
export function createK8sGptAgent(raw: Record<string, unknown>, deps: K8sGptDeps = {}): Agent {
  const options = parseK8sGptOptions(raw);
  const env = deps.env ?? process.env;
  const run = deps.run ?? runChildProcess;
  const locate = (): string | undefined => options.binary ?? (deps.find ?? (() => findK8sGpt(env)))();
  const keyEnv = options.explain?.apiKeyEnv;
  if (keyEnv && !env[keyEnv]) throw new UserInputError(`the k8sgpt agent's explain.apiKeyEnv names ${keyEnv}, which is not set`, { hint: `export ${keyEnv}, or leave apiKeyEnv out for a backend without a key` });
  const missing = (): { message: string; hint: string } => {
    const pin = describeK8sGptPin();
    return { message: `K8sGPT ${pin.version} is not built (no k8sgpt in the tools cache or on PATH)`, hint: `build it: ${pin.build}` };
  };
  return {
    id: 'k8sgpt',
    checkBackend(backend) {
      if (!CLUSTER_BACKENDS.includes(backend)) throw new UserInputError(`the k8sgpt agent needs a Kubernetes cluster: the ${backend} backend has none`, { hint: CLUSTER_HINT });
      if (!locate()) {
        const { message, hint } = missing();
        throw new InfraError(message, { hint });
      }
    },
    async run(bundle: IncidentBundle, ctx): Promise<AgentAnswer> {
      if (!ctx.kube) throw new AgentFailure('unreachable', `K8sGPT needs a Kubernetes API: the ${ctx.backend} backend has none`, { hint: CLUSTER_HINT });
      const binary = locate();
      if (!binary) {
        const { message, hint } = missing();
        throw new AgentFailure('unreachable', message, { hint });
      }
      const dir = await mkdtemp(join(tmpdir(), 'firedrill-k8sgpt-'));
      try {
        const plan = planK8sGptAnalyze({ options, kube: ctx.kube, dir, env });
        // It may hold an AI backend's key.
        await writeFile(plan.configFile, plan.configYaml, { mode: 0o600 });
        ctx.note('k8sgpt analyze', { binary, args: plan.args });
        let result: ChildProcessResult;
        try {
          result = await run({ command: binary, args: plan.args, env: plan.env, timeoutMs: options.timeoutMs, signal: ctx.signal, maxStdout: MAX_STDOUT_BYTES, stderrTail: STDERR_TAIL });
        } catch (err) {
          throw new AgentFailure('unreachable', (err as Error).message, { hint: missing().hint });
        }
        if (result.stderr.trim()) ctx.note('k8sgpt stderr (tail)', { stderr: result.stderr.trim() });
        checkExit(result, options.timeoutMs);
        const { json, preamble } = splitK8sGptStdout(result.stdout);
        if (preamble.length > 0) ctx.note('k8sgpt printed before its JSON (analyzer errors)', { lines: preamble.slice(-20) });
        const output = parseK8sGptOutput(json);
        ctx.note(`k8sgpt: ${output.status}, ${output.problems} problems`, {
          findings: (output.results ?? []).map((r) => `${r.kind} ${r.name}: ${(r.error ?? []).map((e) => e.Text).join(' | ')}`).slice(0, 20),
          ...(output.errors?.length ? { errors: output.errors } : {}),
        });
        const verdict = toDiagnosis(output, { services: bundle.topology.services.map((s) => s.name), deployService: bundle.change.service });
        if ('reason' in verdict) {
          ctx.note(verdict.reason);
          return { schema: AGENT_ANSWER_SCHEMA };
        }
        return { schema: AGENT_ANSWER_SCHEMA, diagnosis: verdict.diagnosis };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A run that did not end with exit 0: cut off, hung, runaway or failed, with what it printed last (its errors go to stdout too). */
function checkExit(r: ChildProcessResult, timeoutMs: number): void {
  const tail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-5).join(' | ');
  const said = tail ? `: ${tail}` : '';
  if (r.aborted) throw new AgentFailure('timeout', 'k8sgpt was cut off');
  if (r.timedOut) throw new AgentFailure('timeout', `k8sgpt analyze did not finish within ${Math.round(timeoutMs / 1000)} s and was killed${said}`);
  if (r.stdoutTooBig) throw new AgentFailure('invalid-answer', `k8sgpt wrote more than ${MAX_STDOUT_BYTES} bytes to stdout`);
  if (r.exitCode !== 0) throw new AgentFailure('crashed', `k8sgpt exited with ${r.exitCode === null ? 'a signal' : `code ${r.exitCode}`}${said}`);
}
