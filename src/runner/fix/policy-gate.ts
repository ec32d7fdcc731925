import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Proposal } from '../../agents/protocol/agent-answer.ts';
import { AuditLogWriter, createGitFileReader, createPolicyEngine, gateProposal, type GateResult, type PolicyEngine } from '../../policy/index.ts';
import type { PolicySpec } from '../../scenario/load-stack.ts';

/**
 * L4's gate for one run: the stack's policy engine (started once, closed at the end) and the
 * run's append-only, hash-chained audit log. Every decision and every applied change is a record;
 * the sealed log's text goes into the run record (audit.jsonl) and its head hash into the timeline.
 */
export class PolicyGate {
  private constructor(
    private readonly engine: PolicyEngine,
    private readonly audit: AuditLogWriter,
    private readonly dir: string,
  ) {}

  static async start(spec: PolicySpec, at: number, run: Record<string, unknown>): Promise<PolicyGate> {
    const engine = await createPolicyEngine(spec.engine, spec.dir ? { policyDir: spec.dir } : {});
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-audit-'));
    try {
      const audit = await AuditLogWriter.create(join(dir, 'audit.jsonl'), { at, data: { engine: engine.name, ...run } });
      return new PolicyGate(engine, audit, dir);
    } catch (err) {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  get engineName(): string {
    return this.engine.name;
  }

  /** Classifies the proposal from its diff (at the deployed commit), decides, and audits the decision. */
  decide(proposal: Proposal, ctx: { repoDir: string; deployed: string; deployDiff: string; at: number }): Promise<GateResult> {
    return gateProposal({
      proposal, deployDiff: ctx.deployDiff, readFile: createGitFileReader(ctx.repoDir, ctx.deployed), engine: this.engine, audit: this.audit, at: ctx.at,
    });
  }

  /** Audits a change applied without a human. */
  async applied(data: Record<string, unknown>, at: number): Promise<void> {
    await this.audit.applied(data, at);
  }

  /** Seals the log, closes the engine; returns the log's text and head hash. */
  async close(at: number): Promise<{ text: string; head: string }> {
    try {
      const head = await this.audit.seal(at);
      return { text: await readFile(this.audit.path, 'utf8'), head };
    } finally {
      await this.engine.close();
      await rm(this.dir, { recursive: true, force: true });
    }
  }
}
