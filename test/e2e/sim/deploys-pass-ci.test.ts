import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRepoTests } from '../../../src/fixes/run-repo-tests.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { materializeWorkspace } from '../../../src/testbed/workspace.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

/**
 * A bad deploy in a drill is one that got through CI: the testbed repo's own tests pass on every
 * built-in scenario's deployed revision (the fault shows only under production traffic). Else a
 * fix PR of the deployed code (a loosened threshold, say) would fail its checks for the wrong reason.
 */
const scenarios = readdirSync(join(REPO_ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

describe("every built-in scenario's deploy passes the repo's tests", () => {
  for (const file of scenarios) {
    it(file, async () => {
      const scenario = await loadScenario(join(REPO_ROOT, 'scenarios', file));
      const ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
      try {
        const result = await runRepoTests(ws.dir);
        expect(result.ok, `${result.reason}\n${result.files.filter((f) => !f.ok).map((f) => f.outputTail).join('\n')}`).toBe(true);
      } finally {
        await ws.remove();
      }
    }, 60_000);
  }
});
