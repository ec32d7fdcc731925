import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/runner/execute-run.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { scoreRun } from '../../../src/scoring/score-run.ts';
import { overlayStack } from '../../helpers/agent-stack.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

/**
 * Hostile fix proposals at L3, from an executable agent: each is refused before anything touches
 * disk, with its reason, and nothing outside the run's workspace changes (a sentinel folder
 * beside it is watched).
 */
const sentinel = mkdtempSync(join(tmpdir(), 'fd-sentinel-'));
writeFileSync(join(sentinel, 'keep.txt'), 'untouched\n');
const outside = `../../../../../../../../..${sentinel}/pwned.txt`;
const file = (path: string, body: string): string => `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+${body}\n`;

const HOSTILE: [string, () => string, RegExp][] = [
  ['path traversal', () => file(outside, 'owned'), /path-outside-repo/],
  ['absolute path', () => `--- /dev/null\n+++ ${sentinel}/pwned.txt\n@@ -0,0 +1 @@\n+owned\n`, /path-outside-repo/],
  ['symlink', () => `diff --git a/services/checkout/link b/services/checkout/link\nnew file mode 120000\n--- /dev/null\n+++ b/services/checkout/link\n@@ -0,0 +1 @@\n+${sentinel}/keep.txt\n\\ No newline at end of file\n`, /symlink/],
  ['binary', () => 'diff --git a/services/checkout/blob.bin b/services/checkout/blob.bin\nnew file mode 100644\nindex 0000000..e69de29\nGIT binary patch\nliteral 4\nLcmZQzWMT#Y01f~L\n\nliteral 0\nHcmV?d00001\n\n', /binary/],
  ['a 5 MB diff', () => file('services/checkout/huge.js', 'x'.repeat(5 * 1024 * 1024)), /too-large/],
  ['deleting the tests', () => `diff --git a/services/checkout/handler.test.js b/services/checkout/handler.test.js\ndeleted file mode 100644\n--- a/services/checkout/handler.test.js\n+++ /dev/null\n@@ -1 +0,0 @@\n-import { test } from 'node:test';\n`, /deletes-tests/],
  ['editing CI config', () => `diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\n--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n@@ -1 +1 @@\n-name: ci\n+name: ci-disabled\n`, /forbidden-path/],
];

describe('hostile fix proposals are refused before touching disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-hostile-'));
  mkdirSync(join(dir, 'patches'));
  const agent = join(dir, 'agent.mjs');
  writeFileSync(agent, `#!/usr/bin/env node
import { readFileSync } from 'node:fs';
for await (const _ of process.stdin) {}
const patch = readFileSync(process.env.HOSTILE_PATCH, 'utf8');
console.log(JSON.stringify({ proposal: { title: 'Fix checkout', body: 'trust me', patch, fixClass: 'code-fix' } }));
`);
  chmodSync(agent, 0o755);
  for (const [name, make, reason] of HOSTILE) {
    it(name, async () => {
      const patchFile = join(dir, 'patches', `${name.replace(/\W+/g, '-')}.patch`);
      writeFileSync(patchFile, make());
      const stack = await loadStack(overlayStack('l3', 'l3-hostile', `agent:\n  use: "command:${agent}"\n  timeout: 30s\n  options: { env: { HOSTILE_PATCH: "${patchFile}" } }\n`));
      const record = await executeRun(await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml')), stack, { backend: 'sim', seed: 1 });
      const rejected = record.timeline.find((e) => e.type === 'fix.rejected');
      expect(rejected, JSON.stringify(record.timeline.filter((e) => e.source === 'fix' || e.type.startsWith('agent.')).slice(-3))).toBeDefined();
      expect(rejected!.stage).toBe('guard');
      expect((rejected!.reasons as string[]).join('; ')).toMatch(reason);
      expect(record.timeline.some((e) => e.type === 'fix.committed')).toBe(false);
      const card = scoreRun(record);
      expect(card.fix).toMatchObject({ proposed: true, correct: false });
      expect(card.fix!.criteria.applied.reason).toMatch(/refused before touching disk \(guard\)/);
      // Nothing outside the workspace changed.
      expect(readdirSync(sentinel)).toEqual(['keep.txt']);
      expect(readFileSync(join(sentinel, 'keep.txt'), 'utf8')).toBe('untouched\n');
      expect(existsSync('/etc/cron.d/firedrill-fix')).toBe(false);
    }, 60_000);
  }
});
