import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createK8sGptAgent, type K8sGptDeps } from '../../../src/agents/adapters/k8sgpt/k8sgpt-agent.ts';
import { DEFAULT_FILTERS } from '../../../src/agents/adapters/k8sgpt/k8sgpt-options.ts';
import { AgentFailure, type AgentRunContext, type IncidentBundle } from '../../../src/agents/index.ts';
import { InfraError, UserInputError } from '../../../src/util/errors.ts';
import { ChildProcessStartError, type ChildProcessResult, type ChildProcessSpec } from '../../../src/util/run-child-process.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const fixture = (name: string): string => readFileSync(join(REPO_ROOT, 'test/fixtures/k8sgpt', name), 'utf8');
// Only what the adapter reads: the testbed's services and the deployed one.
const BUNDLE = { topology: { entry: 'frontend', services: ['frontend', 'checkout', 'payments', 'ledger'].map((name) => ({ name, replicas: 1, dependencies: [] })) }, change: { service: 'checkout' } } as unknown as IncidentBundle;
const KUBE = { kubeconfig: '/clusters/firedrill/kubeconfig', context: 'firedrill', namespace: 'firedrill-error-spike-4-abc123' };
const OK: ChildProcessResult = { exitCode: 0, signal: null, stdout: '', stderr: '', output: '', timedOut: false, aborted: false, stdoutTooBig: false };

interface Seen {
  spec?: ChildProcessSpec;
  /** The config file as k8sgpt would read it, while it runs. */
  config?: string;
  configMode?: number;
  notes: { message: string; data?: Record<string, unknown> }[];
}

/** The agent with a recording runner that answers `result`; `seen` gets what it was asked to run. */
function makeAgent(result: Partial<ChildProcessResult> | Error, options: Record<string, unknown> = {}, deps: K8sGptDeps = {}) {
  const seen: Seen = { notes: [] };
  const agent = createK8sGptAgent(options, {
    find: () => '/tools/k8sgpt-v0.4.36/k8sgpt',
    env: { PATH: '/usr/bin', KUBECONFIG: '/home/me/.kube/config', K8SGPT_AI_PASSWORD: 'leak', HOME: '/home/me' },
    run: async (spec) => {
      seen.spec = spec;
      const file = spec.args[spec.args.indexOf('--config') + 1];
      seen.config = readFileSync(file, 'utf8');
      seen.configMode = statSync(file).mode & 0o777;
      if (result instanceof Error) throw result;
      return { ...OK, ...result };
    },
    ...deps,
  });
  const ctx = (over: Partial<AgentRunContext> = {}): AgentRunContext => ({
    signal: new AbortController().signal, reportTokens: () => {}, note: (message, data) => void seen.notes.push({ message, data }), backend: 'cluster', kube: KUBE, ...over,
  });
  return { agent, seen, ctx };
}

describe('the k8sgpt agent', () => {
  it('runs analyze --output json on the run\'s namespace with its kubeconfig, the chosen analyzers, no AI, in a config dir of its own', async () => {
    const { agent, seen, ctx } = makeAgent({ stdout: fixture('crashloop-canary.json') });
    const answer = await agent.run(BUNDLE, ctx());
    const spec = seen.spec!;
    const dir = spec.env.HOME!;
    expect(spec.command).toBe('/tools/k8sgpt-v0.4.36/k8sgpt');
    expect(spec.args).toEqual([
      'analyze', '--output', 'json', '--kubeconfig', KUBE.kubeconfig, '--kubecontext', 'firedrill', '--namespace', KUBE.namespace,
      '--filter', 'Pod,ReplicaSet,Deployment,StatefulSet,Service,PersistentVolumeClaim', '--config', join(dir, 'k8sgpt.yaml'),
    ]);
    expect(spec.args).not.toContain('--explain');
    expect(DEFAULT_FILTERS).not.toContain('Log');
    // Never the user's config, cache, kubeconfig or K8SGPT_* overrides.
    expect(dir).toMatch(/firedrill-k8sgpt-/);
    expect(spec.env).toMatchObject({ PATH: '/usr/bin', XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), NO_COLOR: '1' });
    expect(spec.env).not.toHaveProperty('KUBECONFIG');
    expect(spec.env).not.toHaveProperty('K8SGPT_AI_PASSWORD');
    expect(parse(seen.config!)).toEqual({ ai: { providers: [] } });
    expect(existsSync(dir), 'its temp dir is removed after the run').toBe(false);
    expect(spec.timeoutMs).toBe(120_000);
    expect(answer).toMatchObject({ diagnosis: { service: 'checkout', faultClass: 'code-defect' } });
    expect(seen.notes.map((n) => n.message)).toEqual(['k8sgpt analyze', 'k8sgpt: ProblemDetected, 2 problems']);
    expect(seen.notes[1].data?.findings).toEqual([expect.stringMatching(/^Pod testbed\/checkout-7d9c6b5f48-9xk2p: back-off 40s/), expect.stringMatching(/^Service testbed\/checkout-canary: Service has not ready endpoints/)]);
  });

  it('with an AI backend: --explain, and the backend in its own config file (key from the named variable, file mode 600)', async () => {
    const explain = { backend: 'openai', model: 'gpt-4o-mini', baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: 'MY_KEY', anonymize: true };
    const { agent, seen, ctx } = makeAgent({ stdout: fixture('oomkilled-payments.json') }, { explain, filters: ['Pod'], timeout: '30s' }, { env: { MY_KEY: 'sk-test' } });
    await agent.run(BUNDLE, ctx());
    expect(seen.spec!.args.slice(-6)).toEqual(['--config', join(seen.spec!.env.HOME!, 'k8sgpt.yaml'), '--explain', '--backend', 'openai', '--anonymize']);
    expect(seen.spec!.args).toContain('Pod');
    expect(seen.spec!.timeoutMs).toBe(30_000);
    expect(parse(seen.config!)).toEqual({ ai: { providers: [{ name: 'openai', model: 'gpt-4o-mini', password: 'sk-test', baseurl: 'http://127.0.0.1:9/v1' }], defaultprovider: 'openai' } });
    expect(seen.configMode).toBe(0o600);
  });

  it('refuses options it does not know, and a key variable that is not set, when the stack is loaded into a run', () => {
    expect(() => createK8sGptAgent({ filter: ['Pod'], timeout: 'soon' })).toThrow(UserInputError);
    expect(() => createK8sGptAgent({ filter: ['Pod'], timeout: 'soon' })).toThrow(/^invalid options for the k8sgpt agent: (?=.*agent\.options: Unrecognized key: "filter")(?=.*agent\.options\.timeout: time: invalid duration "soon")/);
    expect(() => createK8sGptAgent({ explain: { backend: 'openai', model: 'm', apiKeyEnv: 'NOT_SET_ANYWHERE' } }, { env: {} })).toThrow(/apiKeyEnv names NOT_SET_ANYWHERE, which is not set/);
  });

  it('answers without a diagnosis when K8sGPT finds nothing, and says so in the journal', async () => {
    const { agent, seen, ctx } = makeAgent({ stdout: fixture('no-problems.json') });
    expect(await agent.run(BUNDLE, ctx())).toEqual({ schema: 'firedrill.agent-answer/v1' });
    expect(seen.notes.at(-1)?.message).toBe('no diagnosis: K8sGPT found no problems');
  });

  it('reads the JSON past the analyzer errors k8sgpt prints before it on stdout', async () => {
    const { agent, seen, ctx } = makeAgent({ stdout: `the server could not find the requested resource\n${fixture('crashloop-canary.json')}` });
    expect(await agent.run(BUNDLE, ctx())).toMatchObject({ diagnosis: { service: 'checkout' } });
    expect(seen.notes.find((n) => n.message.startsWith('k8sgpt printed before its JSON'))?.data).toEqual({ lines: ['the server could not find the requested resource'] });
  });

  const failures: [string, Partial<ChildProcessResult> | Error, string, RegExp][] = [
    ['hangs (killed at its timeout)', { exitCode: null, timedOut: true, stderr: 'I0101 waiting for the API server' }, 'timeout', /did not finish within 120 s and was killed: I0101 waiting for the API server/],
    ['is cut off by the run', { exitCode: null, aborted: true }, 'timeout', /k8sgpt was cut off/],
    ['fails (its error is on stdout)', { exitCode: 1, stdout: 'Error: initialising kubernetes client: connection refused' }, 'crashed', /exited with code 1: Error: initialising kubernetes client: connection refused/],
    ['prints something else', { stdout: 'AI Provider: AI not used; --explain not set\n\nNo problems detected' }, 'invalid-answer', /not JSON/],
    ['prints JSON of another shape', { stdout: '{"status": "Fine", "problems": 0, "results": null}' }, 'invalid-answer', /status: Invalid option/],
    ['floods stdout', { exitCode: null, stdoutTooBig: true }, 'invalid-answer', /more than 8388608 bytes/],
    ['cannot be started', new ChildProcessStartError('/tools/k8sgpt', Object.assign(new Error('spawn /tools/k8sgpt ENOENT'), { code: 'ENOENT' })), 'unreachable', /^cannot start \/tools\/k8sgpt: spawn \/tools\/k8sgpt ENOENT$/],
  ];
  it.each(failures)('is a scored failure when k8sgpt %s', async (_what, result, kind, message) => {
    const { agent, ctx } = makeAgent(result);
    const err = await agent.run(BUNDLE, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentFailure);
    expect(err).toMatchObject({ kind, message: expect.stringMatching(message) });
  });

  it('says before the run where it cannot work: no cluster (sim, local) or no binary, each with what to do', async () => {
    const { agent } = makeAgent({});
    for (const backend of ['sim', 'local']) {
      const err = (() => {
        try {
          agent.checkBackend!(backend);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(UserInputError);
      expect(err).toMatchObject({ message: `the k8sgpt agent needs a Kubernetes cluster: the ${backend} backend has none`, hint: expect.stringMatching(/firedrill cluster up.*--cluster firedrill/) });
    }
    expect(() => agent.checkBackend!('cluster')).not.toThrow();
    expect(() => agent.checkBackend!('kind')).not.toThrow();

    const unbuilt = makeAgent({}, {}, { find: () => undefined });
    const err = (() => {
      try {
        unbuilt.agent.checkBackend!('cluster');
      } catch (e) {
        return e as InfraError;
      }
    })();
    expect(err).toBeInstanceOf(InfraError);
    expect(err).toMatchObject({ exitCode: 3, message: 'K8sGPT v0.4.36 is not built (no k8sgpt in the tools cache or on PATH)', hint: expect.stringContaining('clusters/tools/build-go-tools.sh k8sgpt (github.com/k8sgpt-ai/k8sgpt@v0.4.36') });
    // Inside a run (a world without kubeAccess, a binary gone since): scored failures that say the same.
    await expect(unbuilt.agent.run(BUNDLE, unbuilt.ctx())).rejects.toMatchObject({ kind: 'unreachable', detail: { hint: expect.stringContaining('build-go-tools.sh k8sgpt') } });
    await expect(agent.run(BUNDLE, makeAgent({}).ctx({ backend: 'sim', kube: undefined }))).rejects.toMatchObject({ kind: 'unreachable', message: 'K8sGPT needs a Kubernetes API: the sim backend has none' });
  });
});
