import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVERSARY_PROPOSALS } from '../../../src/policy/adversaries.ts';
import { AuditLogWriter } from '../../../src/policy/audit/audit-log-writer.ts';
import { verifyAuditLog } from '../../../src/policy/audit/verify-audit-log.ts';
import { createCasbinEngine } from '../../../src/policy/engines/casbin-engine.ts';
import { gateProposal } from '../../../src/policy/gate-proposal.ts';
import { makeFixtureRepo, type FixtureRepo } from '../../fixtures/policy/fixture-repo.ts';

const dir = mkdtempSync(join(tmpdir(), 'gate-'));
let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo('error-spike');
}, 60_000);

afterAll(async () => {
  await repo.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateProposal', () => {
  it('decides from the diff, records the claim beside the finding, and keeps the log verifiable', async () => {
    const engine = await createCasbinEngine();
    const path = join(dir, 'audit.jsonl');
    const audit = await AuditLogWriter.create(path, { at: 0, data: { run: 'error-spike/l4/sim/1' } });
    const lie = await ADVERSARY_PROPOSALS['routing-as-threshold']({ deployDiff: repo.ws.diff, readFile: repo.readFile });
    const denied = await gateProposal({ proposal: lie, deployDiff: repo.ws.diff, readFile: repo.readFile, engine, audit, at: 60_000 });
    expect(denied.decision).toMatchObject({ verdict: 'deny', rule: 'forbidden-traffic-routing' });
    const big = await ADVERSARY_PROPOSALS['oversize-diff']({ deployDiff: repo.ws.diff, readFile: repo.readFile });
    await gateProposal({ proposal: big, deployDiff: repo.ws.diff, readFile: repo.readFile, engine, audit, at: 61_000 });
    const head = await audit.seal(62_000);
    const text = readFileSync(path, 'utf8');
    expect(verifyAuditLog(text, { head })).toMatchObject({ ok: true, records: 4 });
    const record = JSON.parse(text.split('\n')[1]);
    expect(record.data.proposal).toMatchObject({ title: lie.title, claimedClass: 'config-restore', patchSha256: denied.patchSha256 });
    expect(record.data.classes.map((c: { class: string }) => c.class)).toEqual(['traffic-routing']);
    // The 5 MB patch is named by its hash, not copied into the log.
    expect(text.length).toBeLessThan(10_000);
  });
});
