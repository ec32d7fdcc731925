import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { workspaceSourceOf } from '../../../src/runner/execute-run.ts';
import { materializeWorkspace } from '../../../src/testbed/workspace.ts';
import { WorkspacePrefetch } from '../../../src/suite/prefetch-workspaces.ts';
import type { RunTask } from '../../../src/suite/run-task.ts';
import { UserInputError } from '../../../src/util/errors.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

async function tasks(): Promise<RunTask[]> {
  const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
  const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
  const broken = { ...scenario, deploy: { ...scenario.deploy, changes: [{ file: 'services/checkout/tax.js', edits: [{ find: 'no such text', replace: 'x' }] }] } };
  return [scenario, scenario, broken].map((s, seed) => ({ run: { scenario: s, stack, seed }, runId: `r${seed}`, backend: 'sim' }));
}

describe("the pool's workspaces made ahead", () => {
  it('gives a run the same commits and diff as making its own, makes the next ones ahead, and removes them all on dispose', async () => {
    const list = await tasks();
    const prefetch = new WorkspacePrefetch(list, 1);
    const first = await prefetch.taskOf(0);
    const own = await materializeWorkspace(await workspaceSourceOf(list[0].run.scenario, list[0].run.stack));
    try {
      expect(first.workspace).toMatchObject({ v1: own.v1, v2: own.v2, diff: own.diff });
      expect(existsSync(join(first.workspace!.stableDir, 'services/checkout/handler.js'))).toBe(true);
    } finally {
      await own.remove();
    }
    const second = await prefetch.taskOf(1); // made ahead by the first call
    expect(second.workspace!.root).not.toBe(first.workspace!.root);
    await prefetch.dispose();
    expect(existsSync(first.workspace!.root)).toBe(false);
    expect(existsSync(second.workspace!.root)).toBe(false);
  });

  it("fails a run whose change does not apply with the change's own error, made ahead or not", async () => {
    const list = await tasks();
    const prefetch = new WorkspacePrefetch(list, 2);
    await prefetch.taskOf(0); // starts the broken one ahead: its failure waits for its run
    await expect(prefetch.taskOf(2)).rejects.toBeInstanceOf(UserInputError);
    await prefetch.dispose();
  });
});
