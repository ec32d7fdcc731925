import { describe, expect, it, vi } from 'vitest';
import { classifyProposal } from '../../../../src/policy/classify/classify-proposal.ts';
import { MAX_PATCH_BYTES } from '../../../../src/policy/classify/classify-rules.ts';
import { writeFilePatch } from '../../../../src/util/write-patch.ts';

/** Rules the corpus does not reach on their own: traversal forms, hidden code in log calls, revert placement, the size cap. */
const CONFIG = '{\n  "runtime": { "replicas": 3 },\n  "dependencies": { "payments": { "timeoutMs": 2000, "retries": 1 } },\n  "flags": {}\n}\n';
const HANDLER = "export const routes = {\n  'GET /': async (ctx) => {\n    ctx.log('info', 'hello', { n: 1 });\n    return { status: 200 };\n  },\n};\n";
const FILES: Record<string, string> = { 'services/a/config.json': CONFIG, 'services/a/handler.js': HANDLER, 'policy/p.rego': 'package p\n' };

function classify(patch: string, deployDiff = '', files = FILES) {
  const readFile = vi.fn(async (_commit: string | undefined, path: string) => files[path]);
  return { result: classifyProposal({ patch, deployDiff, readFile }), readFile };
}

const classesOf = async (patch: string, deployDiff = ''): Promise<string[]> => (await classify(patch, deployDiff).result).classes.map((c) => `${c.class} ${c.file}`);

function newFile(path: string): string {
  return `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+x\n`;
}

describe('classifyProposal', () => {
  it.each(['/etc/passwd', '../outside', 'services/../../x', 'a//b', '.git/hooks/pre-commit', 'C:/x', 'a\\b', './x'])('flags %s as outside the repository, and never reads it', async (path) => {
    const { result, readFile } = classify(newFile(path));
    expect((await result).classes.map((c) => c.class)).toEqual(['path-outside-repo']);
    expect(readFile.mock.calls.map((c) => c[1])).not.toContain(path);
  });

  it('refuses header paths without a/ and b/ (git apply would strip another directory), but not such lines in a hunk', async () => {
    const unprefixed = 'diff --git a/x/.github/ci.yml b/x/.github/ci.yml\nnew file mode 100644\n--- /dev/null\n+++ x/.github/ci.yml\n@@ -0,0 +1 @@\n+on: push\n';
    expect(await classesOf(unprefixed)).toContain('unparseable (patch)');
    expect(await classesOf('diff --git x/policy/p.rego y/policy/p.rego\nold mode 100644\nnew mode 100755\n')).toContain('unparseable (patch)');
    const sql = '-- a comment\nselect 1;\n';
    const dropComment = writeFilePatch('services/a/q.sql', sql, 'select 1;\n');
    expect(dropComment).toContain('\n--- a comment\n');
    const run = await classifyProposal({ patch: dropComment, deployDiff: '', readFile: async (_c, p) => (p === 'services/a/q.sql' ? sql : undefined) });
    expect(run.classes.map((c) => c.class)).toEqual(['other-change']);
  });

  it('does not mistake .github or .gitignore for .git', async () => {
    expect(await classesOf(newFile('.github/x.yml'))).toEqual(['ci-config .github/x.yml']);
    expect(await classesOf(newFile('.gitignore'))).toEqual(['other-change .gitignore']);
  });

  it('counts a dropped log call as suppression only when its arguments do nothing', async () => {
    const drop = (line: string): string => writeFilePatch('services/a/handler.js', HANDLER.replace("    ctx.log('info', 'hello', { n: 1 });", line), HANDLER.replace("    ctx.log('info', 'hello', { n: 1 });\n", ''));
    const files = (line: string): Record<string, string> => ({ 'services/a/handler.js': HANDLER.replace("    ctx.log('info', 'hello', { n: 1 });", line) });
    const run = async (line: string): Promise<string[]> => (await classifyProposal({ patch: drop(line), deployDiff: '', readFile: async (_c, p) => files(line)[p] })).classes.map((c) => c.class);
    expect(await run("    ctx.log('info', 'hello', { n: 1 });")).toEqual(['log-suppression']);
    expect(await run("    ctx.log('info', 'hello', { id: ledger.commit() });")).toEqual(['code-change']);
    expect(await run("    ctx.log('info', 'hello'); process.exit(0);")).toEqual(['code-change']);
    expect(await run("    ctx.log('info', `${charge()}`);")).toEqual(['code-change']);
  });

  it('recognizes a revert made with no context lines, but not the same lines elsewhere', async () => {
    const deploy = writeFilePatch('services/a/config.json', CONFIG.replace('"retries": 1', '"retries": 9'), CONFIG);
    const revertU0 = 'diff --git a/services/a/config.json b/services/a/config.json\n--- a/services/a/config.json\n+++ b/services/a/config.json\n@@ -3 +3 @@\n-  "dependencies": { "payments": { "timeoutMs": 2000, "retries": 1 } },\n+  "dependencies": { "payments": { "timeoutMs": 2000, "retries": 9 } },\n';
    expect(await classesOf(revertU0, deploy)).toEqual(['revert-of-offending services/a/config.json']);
    // A deploy that made the same edit one line further down: undoing it at line 3 is no revert.
    const elsewhere = 'diff --git a/services/a/config.json b/services/a/config.json\n--- a/services/a/config.json\n+++ b/services/a/config.json\n@@ -4 +4 @@\n-  "dependencies": { "payments": { "timeoutMs": 2000, "retries": 9 } },\n+  "dependencies": { "payments": { "timeoutMs": 2000, "retries": 1 } },\n';
    expect(await classesOf(revertU0, elsewhere)).toEqual(['retry-change services/a/config.json']);
    expect(await classesOf(revertU0, elsewhere.replace('@@ -4 +4 @@', '@@ -3 +3 @@'))).toEqual(['revert-of-offending services/a/config.json']);
  });

  it('reads no content past the size cap, but still names forbidden paths', async () => {
    const big = writeFilePatch('services/a/big.js', undefined, `${'x'.repeat(MAX_PATCH_BYTES)}\n`);
    const { result, readFile } = classify(big + writeFilePatch('policy/p.rego', 'package p\n', 'package q\n'));
    expect((await result).classes.map((c) => `${c.class} ${c.file}`)).toEqual(['oversize (patch)', 'policy policy/p.rego']);
    expect(readFile).not.toHaveBeenCalled();
  });

  it('flags a file changed twice, a renamed test, a new executable and a submodule', async () => {
    const twice = writeFilePatch('services/a/config.json', CONFIG, CONFIG.replace('3', '4')).repeat(2);
    expect(await classesOf(twice)).toContain('unparseable (patch)');
    expect(await classesOf('diff --git a/services/a/a.test.js b/services/a/b.test.js\nsimilarity index 100%\nrename from services/a/a.test.js\nrename to services/a/b.test.js\n')).toEqual(['tests services/a/b.test.js']);
    expect(await classesOf(newFile('services/a/run.sh').replace('new file mode 100644', 'new file mode 100755'))).toEqual(['mode-change services/a/run.sh', 'other-change services/a/run.sh']);
    const submodule = 'diff --git a/vendor/lib b/vendor/lib\nnew file mode 160000\nindex 0000000..1234567\n--- /dev/null\n+++ b/vendor/lib\n@@ -0,0 +1 @@\n+Subproject commit 1234567890abcdef1234567890abcdef12345678\n';
    expect(await classesOf(submodule)).toContain('mode-change vendor/lib');
  });

  it('gives every class it finds, in rule-table order, the same way every time', async () => {
    const patch = writeFilePatch('services/a/config.json', CONFIG, CONFIG.replace('"retries": 1', '"retries": 2').replace('"replicas": 3', '"replicas": 9').replace('"flags": {}', '"flags": { "x": true }'));
    const first = await classify(patch).result;
    expect(first.classes.map((c) => c.class)).toEqual(['flag-on', 'retry-change', 'scale']);
    expect(first.classes[2]).toMatchObject({ factor: 3, from: 3, to: 9, rule: 'config-capacity' });
    expect(JSON.stringify(await classify(patch).result)).toBe(JSON.stringify(first));
  });
});
