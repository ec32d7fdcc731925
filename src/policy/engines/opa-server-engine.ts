import { spawn, type ChildProcess } from 'node:child_process';
import { InfraError } from '../../util/errors.ts';
import { killNow, stopGracefully, trackChild } from '../../world/local/cleanup-registry.ts';
import { findExecutable } from '../../util/find-executable.ts';
import { findFreePort } from '../../world/local/free-port.ts';
import { requireOpaBinary } from './opa-binary.ts';
import { readDecision } from './opa-eval-engine.ts';
import { listPolicyFiles, REGO_DECISION_PATH } from './policy-files.ts';
import type { PolicyEngine, PolicyInput } from './policy-engine.ts';

/**
 * OPA as a server (`opa run --server` on 127.0.0.1, a free port), started once and asked over
 * REST (POST /v1/data/firedrill/autoapply/decision). Measured on this project's 2-core machine
 * with the default policy: the server is ready in about 0.2 s and decides in about 2.6 ms, where
 * `opa eval` starts a process and compiles the policy each time (about 50 ms a decision). A run
 * decides a handful of times, so either is cheap; the server is the default (the corpus test
 * makes ~60 decisions: 0.4 s against 3 s) and it is what an OPA deployment looks like: the policy
 * loaded once, decisions by REST. The version check that would call GitHub is off.
 */
const READY_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 3;

export async function startOpaServerEngine(opts: { rego?: string; binary?: string } = {}): Promise<PolicyEngine> {
  const binary = opts.binary ?? requireOpaBinary();
  const rego = opts.rego ?? listPolicyFiles().rego;
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const { child, log } = spawnOpa(binary, port, rego);
    const outcome = await waitUntilReady(child, port, log);
    if (outcome === 'ready') return serverEngine(child, port);
    killNow(child);
    if (/address already in use/i.test(log()) && attempt < PORT_ATTEMPTS) continue;
    throw new InfraError(`opa run --server did not start: ${outcome}\n${log().trim().slice(-2000)}`, { hint: `run ${binary} check ${rego} to see whether the policy compiles` });
  }
}

function spawnOpa(binary: string, port: number, rego: string): { child: ChildProcess; log: () => string } {
  const args = ['run', '--server', '--addr', `127.0.0.1:${port}`, '--skip-version-check', '--log-level', 'error', rego];
  // setpriv makes the kernel kill opa if this process dies without cleaning up.
  const setpriv = findExecutable('setpriv');
  const [cmd, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  let text = '';
  const keep = (d: Buffer): void => {
    text = (text + d.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log: () => text };
}

async function waitUntilReady(child: ChildProcess, port: number, log: () => string): Promise<'ready' | string> {
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) return `cannot run it: ${spawnError.message}`;
    if (child.exitCode !== null || child.signalCode !== null) {
      await new Promise((r) => setTimeout(r, 50)); // the last log lines
      return `it exited (${child.exitCode ?? child.signalCode})${log() ? '' : ' without a word'}`;
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return 'ready';
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return `not ready within ${READY_TIMEOUT_MS / 1000} s`;
}

function serverEngine(child: ChildProcess, port: number): PolicyEngine {
  const url = `http://127.0.0.1:${port}/v1/data/${REGO_DECISION_PATH}`;
  let closed = false;
  return {
    name: 'opa',
    async decide(input: PolicyInput) {
      if (closed) throw new InfraError('the OPA server engine was closed');
      let body: { result?: unknown };
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }), signal: AbortSignal.timeout(10_000) });
        body = (await res.json()) as { result?: unknown };
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
      } catch (err) {
        throw new InfraError(`OPA at 127.0.0.1:${port} did not answer: ${(err as Error).message}`, { cause: err });
      }
      return readDecision(body.result, `POST ${url}`);
    },
    async close() {
      closed = true;
      await stopGracefully(child, () => child.kill('SIGTERM'), 2_000);
    },
  };
}
