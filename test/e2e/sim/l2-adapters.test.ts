import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import type { Scenario } from '../../../src/scenario/scenario.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { SCRIPTS, startStandInModel, type Script, type StandInModel } from '../../helpers/stand-in-model.ts';

/**
 * Agents reached by protocol, in full runs on sim: a chat-completions agent against the
 * stand-in model (correct, repaired, hung, looping, garbage, over budget, huge) and an
 * executable. Each failure is cut off, the run completes, and the scorecard says why.
 */
let scenario: Scenario;
const EXACT = {
  diagnosis: {
    service: 'checkout', faultClass: 'code-defect', summary: 'computeTaxByCategory throws for categories without a reduced rate',
    culprit: { file: 'services/checkout/tax.js', text: 'CATEGORY_RATES[item.category].reduced' },
  },
};
beforeAll(async () => {
  scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
});

async function runWith(agentYaml: string) {
  const stack = await loadStack(overlayStack('l2', 'l2-adapter', agentYaml));
  return scoreRun(await executeRun(scenario, stack, { backend: 'sim', seed: 1 }));
}

describe('openai: agents against the stand-in model', () => {
  const models: StandInModel[] = [];
  afterAll(async () => Promise.all(models.map((m) => m.close())));
  const model = async (script: Script, extra = ''): Promise<string> => {
    const m = await startStandInModel(script);
    models.push(m);
    return `agent:\n  use: "openai:stand-in"\n  timeout: 5s\n  options: { baseUrl: "${m.url}", apiKey: test, maxTurns: 6 }\n${extra}`;
  };

  it('a correct scripted agent scores exact, its tool calls and tokens counted', async () => {
    const card = await runWith(await model(SCRIPTS.correct(EXACT)));
    expect(card.diagnosis).toMatchObject({ status: 'answered', quality: 'exact', toolCalls: 2, tokens: 2000 });
    expect(card.verdict).toBe('pass');
    expect(models[0].requests[0].tools?.map((t) => t.function.name)).toContain('query_metrics');
  }, 60_000);

  it('an answer repaired after one round counts', async () => {
    expect((await runWith(await model(SCRIPTS.repaired(EXACT)))).diagnosis).toMatchObject({ status: 'answered', quality: 'exact' });
  }, 60_000);

  const cutOff: [string, () => Script, string, RegExp][] = [
    ['hang', SCRIPTS.hang, 'timeout', /timed out after 5s/],
    ['loop', SCRIPTS.loop, 'budget-exceeded', /no final answer after 6 turns/],
    ['garbage', SCRIPTS.garbage, 'invalid-answer', /still invalid after one repair round/],
    ['huge', SCRIPTS.huge, 'invalid-answer', /over the \d+-byte cap|still invalid/],
  ];
  for (const [name, script, kind, message] of cutOff) {
    it(`${name}: cut off (${kind}), the run completes as L1 would, the scorecard says why`, async () => {
      const card = await runWith(await model(script()));
      expect(card.diagnosis).toMatchObject({ status: 'failed', quality: 'none', score: 0, failure: { kind } });
      expect(card.diagnosis!.failure!.message).toMatch(message);
      expect(card.verdict).toBe('pass');
      expect(card.detection?.by).toBe('rollout');
    }, 60_000);
  }

  it('over its token budget: cut off', async () => {
    const card = await runWith(await model(SCRIPTS.loop(), '  budget: { tokens: 2500 }\n'));
    expect(card.diagnosis).toMatchObject({ status: 'failed', budgetExceeded: true, failure: { kind: 'budget-exceeded' } });
    expect(card.diagnosis!.failure!.message).toMatch(/token budget exceeded/);
  }, 60_000);

  it('over its tool-call budget: cut off', async () => {
    const card = await runWith(await model(SCRIPTS.loop(), '  budget: { toolCalls: 3 }\n'));
    expect(card.diagnosis).toMatchObject({ status: 'failed', budgetExceeded: true, failure: { kind: 'budget-exceeded' } });
    expect(card.diagnosis!.failure!.message).toMatch(/tool-call budget exceeded \(3 calls\)/);
  }, 60_000);
});

describe('command: any executable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-cmd-agent-'));
  const script = (name: string, body: string): string => {
    const file = join(dir, name);
    writeFileSync(file, `#!/usr/bin/env node\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };

  it('reads the bundle on stdin, queries the toolbox from its env, answers on stdout', async () => {
    const agent = script('agent.mjs', `
      let input = '';
      for await (const c of process.stdin) input += c;
      const bundle = JSON.parse(input);
      const res = await fetch(process.env.FIREDRILL_TOOLBOX_URL + '/tools/diff', { headers: { authorization: 'Bearer ' + process.env.FIREDRILL_TOOLBOX_TOKEN } });
      const { files } = await res.json();
      console.error('looked at', files.length, 'files after', bundle.detection.kind);
      console.log(JSON.stringify(${JSON.stringify(EXACT)}));
    `);
    const card = await runWith(`agent:\n  use: "command:${agent}"\n  timeout: 10s\n`);
    expect(card.diagnosis).toMatchObject({ status: 'answered', quality: 'exact', toolCalls: 1 });
  }, 60_000);

  it('non-JSON output, a crash and a hang are each a scored failure', async () => {
    const prose = script('prose.mjs', "console.log('it is probably checkout');");
    expect((await runWith(`agent:\n  use: "command:${prose}"\n`)).diagnosis).toMatchObject({ status: 'failed', failure: { kind: 'invalid-answer' } });
    const crash = script('crash.mjs', "console.error('Traceback: boom'); process.exit(3);");
    const crashed = (await runWith(`agent:\n  use: "command:${crash}"\n`)).diagnosis!;
    expect(crashed).toMatchObject({ status: 'failed', failure: { kind: 'crashed' } });
    expect(crashed.failure!.message).toMatch(/exited with code 3: Traceback: boom/);
    const hang = script('hang.mjs', 'setInterval(() => {}, 1000);');
    const started = performance.now();
    expect((await runWith(`agent:\n  use: "command:${hang}"\n  timeout: 2s\n`)).diagnosis).toMatchObject({ status: 'failed', failure: { kind: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 90_000);
});

describe('webhook: an HTTP receiver on 127.0.0.1', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });
  /** A receiver whose `answer` decides what to do with each POSTed payload. */
  const receiver = async (answer: (payload: Record<string, unknown>, res: ServerResponse) => void): Promise<{ url: string; payloads: Record<string, unknown>[] }> => {
    const payloads: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c));
      req.on('end', () => {
        const payload = JSON.parse(text) as Record<string, unknown>;
        payloads.push(payload);
        answer(payload, res);
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/incident`, payloads };
  };

  it('answers in its response: the bundle as is, scored exact', async () => {
    const hook = await receiver((_p, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(EXACT)));
    const card = await runWith(`agent:\n  use: "webhook:${hook.url}"\n  timeout: 5s\n`);
    expect(card.diagnosis).toMatchObject({ status: 'answered', quality: 'exact' });
    expect(hook.payloads[0]).toMatchObject({ task: 'diagnose', detection: { kind: expect.any(String) } });
  }, 60_000);

  it('answers later on the callback URL, in the Argo Notifications shape', async () => {
    const hook = await receiver((payload, res) => {
      res.writeHead(202).end();
      setTimeout(() => void fetch(String(payload.callbackUrl), { method: 'POST', body: JSON.stringify(EXACT) }), 50);
    });
    const card = await runWith(`agent:\n  use: "webhook:${hook.url}"\n  timeout: 5s\n  options: { shape: argo-notifications, callback: true }\n`);
    expect(card.diagnosis).toMatchObject({ status: 'answered', quality: 'exact' });
    expect(hook.payloads[0]).toMatchObject({ trigger: 'on-rollout-aborted', rollout: { status: { abort: true } }, firedrill: { task: 'diagnose' } });
    expect(String(hook.payloads[0].callbackUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  }, 60_000);

  it('an error status, silence and an unreachable URL are each a scored failure', async () => {
    const failing = await receiver((_p, res) => res.writeHead(500).end('upstream exploded'));
    const crashed = (await runWith(`agent:\n  use: "webhook:${failing.url}"\n  timeout: 5s\n`)).diagnosis!;
    expect(crashed).toMatchObject({ status: 'failed', failure: { kind: 'crashed' } });
    expect(crashed.failure!.message).toMatch(/HTTP 500: upstream exploded/);
    const silent = await receiver(() => undefined);
    expect((await runWith(`agent:\n  use: "webhook:${silent.url}"\n  timeout: 2s\n`)).diagnosis).toMatchObject({ status: 'failed', failure: { kind: 'timeout' } });
    const closed = await receiver(() => undefined);
    const closedUrl = closed.url;
    const last = servers.pop()!;
    await new Promise((r) => last.close(r));
    expect((await runWith(`agent:\n  use: "webhook:${closedUrl}"\n  timeout: 5s\n`)).diagnosis).toMatchObject({ status: 'failed', failure: { kind: 'unreachable' } });
  }, 90_000);
});

describe('k8sgpt: an agent that needs a cluster', () => {
  it('fails a sim run at once, before its world starts, saying where it works (exit 2)', async () => {
    const stack = await loadStack(overlayStack('l2', 'l2-k8sgpt', 'agent:\n  use: k8sgpt\n'));
    const events: string[] = [];
    const err = await executeRun(scenario, stack, { backend: 'sim', seed: 1, onEvent: (e) => void events.push(e.type) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 2, message: 'the k8sgpt agent needs a Kubernetes cluster: the sim backend has none', hint: expect.stringMatching(/firedrill cluster up/) });
    expect(events).toEqual(['run.failed']);
  }, 30_000);
});
