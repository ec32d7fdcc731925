import type { AuditLogWriter } from './audit/audit-log-writer.ts';
import { sha256Hex } from '../util/canonical-json.ts';
import type { Classification } from './classes.ts';
import { classifyProposal } from './classify/classify-proposal.ts';
import type { ReadRepoFile } from './classify/file-review.ts';
import { toPolicyInput, type Decision, type PolicyEngine } from './engines/policy-engine.ts';

/**
 * The L4 gate for one proposed fix: classify its diff, ask the engine, and write the decision
 * to the audit log. The agent's title and claimed class are recorded beside what the diff was
 * found to be (so a lie shows), never used to decide. The log keeps the patch's SHA-256 and
 * size, not the patch: a 5 MB hostile diff does not go into every audit record.
 */
export interface GateRequest {
  proposal: { title: string; fixClass: string; patch: string };
  deployDiff: string;
  readFile: ReadRepoFile;
  engine: PolicyEngine;
  audit?: AuditLogWriter;
  /** The run's clock, for the audit record. */
  at: number;
}

export interface GateResult {
  classification: Classification;
  decision: Decision;
  /** SHA-256 of the patch, as the audit record names it (and an `applied` record should too). */
  patchSha256: string;
}

export async function gateProposal(req: GateRequest): Promise<GateResult> {
  const classification = await classifyProposal({ patch: req.proposal.patch, deployDiff: req.deployDiff, readFile: req.readFile });
  const decision = await req.engine.decide(toPolicyInput(classification));
  const patchSha256 = sha256Hex(req.proposal.patch);
  await req.audit?.decision(
    {
      engine: req.engine.name,
      proposal: { title: req.proposal.title, claimedClass: req.proposal.fixClass, patchSha256, patchBytes: Buffer.byteLength(req.proposal.patch, 'utf8') },
      classes: classification.classes,
      problems: classification.problems,
      decision,
    },
    req.at,
  );
  return { classification, decision, patchSha256 };
}
