import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStored, loadCorpusCases, readCasePatch } from '../../fixtures/policy/corpus-cases.ts';
import { makeFixtureRepo, type FixtureRepo } from '../../fixtures/policy/fixture-repo.ts';

/**
 * The stored corpus patches are what their yaml says, against today's testbed template: made
 * again here and compared byte for byte. When the template changes, rerun
 * `npx tsx test/fixtures/policy/make-corpus.ts` (and check the labels still hold).
 */
const made = loadCorpusCases().filter((c) => !c.handwritten && isStored(c));
const repos = new Map<string, FixtureRepo>();

beforeAll(async () => {
  for (const deploy of new Set(made.map((c) => c.deploy))) repos.set(deploy, await makeFixtureRepo(deploy));
}, 60_000);

afterAll(async () => {
  for (const r of repos.values()) await r.remove();
});

describe('stored corpus patches', () => {
  it('are up to date with their yaml and the testbed template', async () => {
    const stale: string[] = [];
    for (const c of made) {
      const repo = repos.get(c.deploy) as FixtureRepo;
      if ((await readCasePatch(c, repo, true)) !== (await readCasePatch(c, repo))) stale.push(c.id);
    }
    expect(stale, 'run: npx tsx test/fixtures/policy/make-corpus.ts').toEqual([]);
  }, 60_000);
});
