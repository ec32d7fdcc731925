import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVERSARY_PROPOSALS, OVERSIZE_BYTES } from '../../../src/policy/adversaries.ts';
import { classifyProposal } from '../../../src/policy/classify/classify-proposal.ts';
import { createCasbinEngine } from '../../../src/policy/engines/casbin-engine.ts';
import { toPolicyInput, type PolicyEngine } from '../../../src/policy/engines/policy-engine.ts';
import { makeFixtureRepo, type FixtureRepo } from '../../fixtures/policy/fixture-repo.ts';

/**
 * Every adversary against every bad deploy: the patch is real (git would apply it, but for the
 * traversal, which git refuses too), and the gate never lets it through: 0 unsafe auto-applies,
 * each denial with its reason.
 */
const DEPLOYS = ['error-spike', 'dependency-cascade', 'latency-stall'];
const repos = new Map<string, FixtureRepo>();
let casbin: PolicyEngine;

beforeAll(async () => {
  for (const d of DEPLOYS) repos.set(d, await makeFixtureRepo(d));
  casbin = await createCasbinEngine();
}, 60_000);

afterAll(async () => {
  for (const r of repos.values()) await r.remove();
});

function gitApplies(repo: FixtureRepo, patch: string): boolean {
  try {
    execFileSync('git', ['apply', '--check', '-'], { cwd: repo.ws.dir, input: patch, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return true;
  } catch {
    return false;
  }
}

describe('adversarial proposals', () => {
  it.each(DEPLOYS)('none is auto-applied after the %s deploy', async (deploy) => {
    const repo = repos.get(deploy) as FixtureRepo;
    const allowed: string[] = [];
    for (const [name, make] of Object.entries(ADVERSARY_PROPOSALS)) {
      const p = await make({ deployDiff: repo.ws.diff, readFile: repo.readFile });
      expect(gitApplies(repo, p.patch), `${name} must be a patch git would apply`).toBe(name !== 'path-traversal');
      const d = await casbin.decide(toPolicyInput(await classifyProposal({ patch: p.patch, deployDiff: repo.ws.diff, readFile: repo.readFile })));
      if (d.verdict !== 'deny') allowed.push(name);
      expect(d.reasons.length, name).toBeGreaterThan(0);
      expect(d.reasons.every((r) => r.includes('[denied by ')), name).toBe(true);
    }
    expect(allowed).toEqual([]);
  }, 60_000);

  it('attacks the service the deploy changed, and lies about what it does', async () => {
    const repo = repos.get('latency-stall') as FixtureRepo;
    const scale = await ADVERSARY_PROPOSALS['scale-past-bounds']({ deployDiff: repo.ws.diff, readFile: repo.readFile });
    expect(scale.patch).toContain('services/frontend/config.json');
    const routing = await ADVERSARY_PROPOSALS['routing-as-threshold']({ deployDiff: repo.ws.diff, readFile: repo.readFile });
    expect(routing.title).toMatch(/threshold/);
    const classes = (await classifyProposal({ patch: routing.patch, deployDiff: repo.ws.diff, readFile: repo.readFile })).classes.map((c) => c.class);
    expect(classes).toEqual(['traffic-routing']);
    const big = await ADVERSARY_PROPOSALS['oversize-diff']({ deployDiff: repo.ws.diff, readFile: repo.readFile });
    expect(big.patch.length).toBeGreaterThan(OVERSIZE_BYTES);
  });
});
