import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFile } from '../../../src/cli/commands/validate.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { applyMutations, yamlMutants } from '../../helpers/yaml-mutants.ts';

/**
 * Fuzzing the loaders (scenario, stack, suite, Argo manifests, alert rules) with mutants of
 * every built-in file: a mutant is either still valid, or rejected with every problem located
 * (file:line:column, then the YAML path); the loaders never throw anything else. Seeded, so a
 * failure names a mutant that can be replayed (fast-check prints the seed and the path).
 *
 * The mutants are written over a copy of scenarios/ (with the testbed linked in), so relative
 * references (a stack's argo/ manifests, a scenario's testbed) resolve as they do for real.
 */
const SEED = 1616;
const RUNS_PER_FILE = Number(process.env.FIREDRILL_FUZZ_RUNS ?? 60);
/**
 * file:line[:column] path: message, the one format every rejection must have. A path is
 * `<root>`, or names and [index] or ["quoted key"] segments (spec.deploy.changes[0].file).
 */
const LOCATED = /^\S+:\d+(?::\d+)? (?:<root>|(?:[\w$-]+|\[(?:\d+|"(?:[^"\\]|\\.)*")\])(?:\.[\w$-]+|\[(?:\d+|"(?:[^"\\]|\\.)*")\])*): \S/;

let root: string;
let files: string[];

async function listYaml(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === 'testbed' || e.name === 'schema') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listYaml(path)));
    else if (/\.ya?ml$/.test(e.name)) out.push(path);
  }
  return out.sort();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'firedrill-fuzz-'));
  const source = join(REPO_ROOT, 'scenarios');
  await cp(source, join(root, 'scenarios'), { recursive: true, filter: (p) => !p.startsWith(join(source, 'testbed')) });
  await symlink(join(source, 'testbed'), join(root, 'scenarios/testbed'));
  files = (await listYaml(join(root, 'scenarios'))).map((f) => relative(root, f));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loader fuzzing: mutants of every built-in file', () => {
  it('covers every kind of built-in file', () => {
    const kinds = ['scenarios/error-spike.yaml', 'scenarios/stacks/l1.yaml', 'scenarios/suites/maturity.yaml', 'scenarios/stacks/argo/rollouts.yaml', 'scenarios/stacks/alerts/static-thresholds.rules.yaml'];
    for (const k of kinds) expect(files).toContain(k);
    expect(files.length).toBeGreaterThanOrEqual(16 + 7 + 2 + 4 + 1);
  });

  it(`every mutant is valid or rejected with file:line:column and path (seed ${SEED}, ${RUNS_PER_FILE} per file)`, async () => {
    const seen = { valid: 0, rejected: 0 };
    for (const [i, file] of files.entries()) {
      const path = join(root, file);
      const original = await readFile(path, 'utf8');
      try {
        await fc.assert(
          fc.asyncProperty(yamlMutants, async (mutations) => {
            await writeFile(path, applyMutations(original, mutations));
            const result = await validateFile(path);
            if (result.ok) {
              seen.valid++;
              return;
            }
            seen.rejected++;
            expect(result.lines.length, file).toBeGreaterThan(0);
            for (const line of result.lines) expect(line, `${file} after ${mutations.map((m) => m.describe).join(', ')}`).toMatch(LOCATED);
          }),
          { seed: SEED + i, numRuns: RUNS_PER_FILE },
        );
      } finally {
        await writeFile(path, original);
      }
    }
    // The mutants must reach both outcomes, or the fuzzing tests nothing.
    expect(seen.valid).toBeGreaterThan(files.length);
    expect(seen.rejected).toBeGreaterThan(files.length * 10);
  }, 600_000);

  it('the real CLI exits 2 on a folder of mutants and prints no stack trace', async () => {
    // A few mutants of each file, side by side in one folder tree, validated in one process.
    const out = join(root, 'mutants');
    const sample = fc.sample(yamlMutants, { seed: SEED, numRuns: 4 });
    for (const file of files) {
      const original = await readFile(join(root, file), 'utf8');
      for (const [k, mutations] of sample.entries()) {
        const target = join(out, `m${k}`, file);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, applyMutations(original, mutations));
      }
    }
    for (const k of sample.keys()) await symlink(join(REPO_ROOT, 'scenarios/testbed'), join(out, `m${k}`, 'scenarios/testbed'));
    for (const k of sample.keys()) {
      // Stacks refer to argo/ and alerts/ beside them: give each mutant folder the originals where the mutant broke none.
      await cp(join(root, 'scenarios/stacks/argo'), join(out, `m${k}`, 'scenarios/stacks/argo-original'), { recursive: true });
    }
    const res = runCli(['validate', out]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(/\d+ valid, [1-9]\d* invalid/);
    expect(res.stdout + res.stderr).not.toMatch(/internal error|\n\s+at \S+ \(|Error: .*\n\s+at /);
  }, 300_000);
});
