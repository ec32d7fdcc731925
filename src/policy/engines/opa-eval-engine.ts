import { spawn } from 'node:child_process';
import { InfraError } from '../../util/errors.ts';
import { requireOpaBinary } from './opa-binary.ts';
import { listPolicyFiles, REGO_DECISION_PATH } from './policy-files.ts';
import type { Decision, PolicyEngine, PolicyInput } from './policy-engine.ts';

/**
 * OPA, one `opa eval` per decision: no process outlives a decision, nothing listens. The
 * server engine answers the same query over REST; see opa-server-engine.ts for which to use.
 */
export function createOpaEvalEngine(opts: { rego?: string; binary?: string } = {}): PolicyEngine {
  const binary = opts.binary ?? requireOpaBinary();
  const rego = opts.rego ?? listPolicyFiles().rego;
  const query = `data.${REGO_DECISION_PATH.replaceAll('/', '.')}`;
  return {
    name: 'opa',
    async decide(input: PolicyInput) {
      const out = await runOpa(binary, ['eval', '--format', 'json', '--data', rego, '--stdin-input', query], JSON.stringify(input));
      let value: unknown;
      try {
        value = (JSON.parse(out) as { result?: { expressions?: { value?: unknown }[] }[] }).result?.[0]?.expressions?.[0]?.value;
      } catch {
        value = undefined;
      }
      return readDecision(value, `opa eval ${query}`);
    },
    close: async () => {},
  };
}

function runOpa(binary: string, args: string[], stdin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', (e) => reject(new InfraError(`cannot run ${binary}: ${e.message}`, { cause: e })));
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new InfraError(`opa ${args[0]} failed (exit ${code}): ${Buffer.concat([...err, ...out]).toString('utf8').trim().slice(0, 2000)}`));
    });
    child.stdin.end(stdin);
  });
}

/** A decision as the Rego policy returns it, checked: an undefined or malformed result is an error, never an allow. */
export function readDecision(value: unknown, from: string): Decision {
  const d = value as Partial<Decision> | undefined;
  const ok =
    d !== undefined && d !== null && (d.verdict === 'allow' || d.verdict === 'deny') && typeof d.rule === 'string' && Array.isArray(d.reasons) && d.reasons.every((r) => typeof r === 'string');
  if (!ok) throw new InfraError(`${from} gave no decision: ${JSON.stringify(value)?.slice(0, 300)}`, { hint: 'the Rego policy must define data.firedrill.autoapply.decision = {verdict, rule, reasons}' });
  return { verdict: d.verdict as Decision['verdict'], rule: d.rule as string, reasons: d.reasons as string[] };
}
