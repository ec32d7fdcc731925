import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_USAGE } from '../../../src/cli/command-table.ts';
import { ensureDistBuilt } from '../../helpers/dist-build.ts';
import { BIN, REPO_ROOT } from '../../helpers/paths.ts';
import { runCli } from '../../helpers/run-cli.ts';

/**
 * The package as users run it: bin/firedrill.js on dist/ (plain JS from `npm run build`, which
 * `npm ci` runs as `prepare`). dist/ is built first when missing or stale (ensureDistBuilt), so
 * these tests always exercise the current sources' build.
 */
const TRACE_HOOKS = resolve(REPO_ROOT, 'test/fixtures/module-trace/register.mjs');
const FALLBACK_NOTICE = /running the TypeScript sources with tsx/;
const HEAVY = /node_modules\/(@faker-js|zod)\/|\/dist\/(runner|world|metrics|rollout|scoring|report|testbed)\//;

let dir: string;
beforeAll(async () => {
  const { rebuilt } = ensureDistBuilt();
  if (rebuilt) console.log(`compiled-package: built dist/ first (${rebuilt})`);
  dir = await mkdtemp(join(tmpdir(), 'firedrill-dist-'));
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the bin and returns what it printed and every module URL it imported. */
async function runTraced(args: string[], name: string): Promise<{ code: number; stdout: string; stderr: string; loaded: string[] }> {
  const trace = join(dir, `${name}.trace`);
  const res = runCli(args, { entry: BIN, nodeArgs: ['--import', TRACE_HOOKS], env: { ...process.env, FIREDRILL_MODULE_TRACE: trace } });
  const loaded = (await readFile(trace, 'utf8')).split('\n').filter(Boolean);
  return { ...res, loaded };
}

describe('the compiled package (bin/firedrill.js on dist/)', () => {
  it('--help lists every command and loads no command module, faker, zod or the engine', async () => {
    const r = await runTraced(['--help'], 'help');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(FALLBACK_NOTICE);
    for (const usage of Object.values(COMMAND_USAGE)) expect(r.stdout).toContain(`firedrill ${usage.command}`);
    expect(r.loaded).toContain(pathToFileURL(join(REPO_ROOT, 'dist/cli/main.js')).href);
    expect(r.loaded.filter((u) => HEAVY.test(u) || u.includes('/dist/cli/commands/'))).toEqual([]);
  }, 60_000);

  it('list prints the built-in scenarios and stacks, loading only its own command module', async () => {
    const r = await runTraced(['list'], 'list');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(FALLBACK_NOTICE);
    expect(r.stdout).toMatch(/^scenarios \(.*\):\n(.|\n)*\n {2}error-spike {2,}New tax engine/);
    expect(r.stdout).toMatch(/\n {2}l1 {2,}.*\[L1\]/);
    expect(r.loaded.filter((u) => u.includes('/dist/cli/commands/')).map((u) => u.replace(/.*\/dist\//, ''))).toEqual(['cli/commands/list.js']);
    expect(r.loaded.filter((u) => HEAVY.test(u))).toEqual([]);
  }, 60_000);

  it("runs the README's drill with the same files, byte for byte, as the sources under tsx", async () => {
    const args = ['run', 'error-spike', '--stack', 'l0', '--seed', '1', '--out'];
    const built = runCli([...args, join(dir, 'dist-run')], { entry: BIN });
    const source = runCli([...args, join(dir, 'src-run')]);
    expect(built.stderr).not.toMatch(FALLBACK_NOTICE);
    expect(built.code, built.stderr).toBe(source.code);
    expect([0, 1]).toContain(built.code);
    expect(built.stdout).toMatch(/error-spike × l0 on sim, seed 1\n.*(PASS|FAIL)/);
    const files = (await readdir(join(dir, 'dist-run'))).sort();
    expect(files).toEqual(expect.arrayContaining(['result.json', 'timeline.jsonl', 'truth.jsonl']));
    expect((await readdir(join(dir, 'src-run'))).sort()).toEqual(files);
    for (const f of files) {
      expect(await readFile(join(dir, 'dist-run', f), 'utf8'), f).toBe(await readFile(join(dir, 'src-run', f), 'utf8'));
    }
  }, 240_000);

  it('runs a suite in worker threads of compiled JS (--jobs 2), with no tsx loader', async () => {
    const out = join(dir, 'jobs-2');
    const r = await runTraced(['run', 'good-deploy', '--stack', 'l1', '--repeat', '2', '--jobs', '2', '--reporter', 'json', '--out', out], 'jobs');
    expect(r.stderr).not.toMatch(FALLBACK_NOTICE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.loaded).toContain(pathToFileURL(join(REPO_ROOT, 'dist/suite/run-pool.js')).href);
    expect(r.loaded.filter((u) => u.includes('/node_modules/tsx/') || u.endsWith('.ts'))).toEqual([]);
    expect((JSON.parse(await readFile(join(out, 'suite.json'), 'utf8')) as { runs: unknown[] }).runs).toHaveLength(2);
  }, 240_000);

  it('starts local service processes as compiled JS, with no tsx loader', async () => {
    const code = join(dir, 'testbed');
    await mkdir(join(code, 'services', 'probe'), { recursive: true });
    await writeFile(join(code, 'services', 'probe', 'handler.js'),
      "import { writeFileSync } from 'node:fs';\n" +
      `writeFileSync(${JSON.stringify(join(dir, 'probe.json'))}, JSON.stringify({ entry: process.argv[1], execArgv: process.execArgv }));\n` +
      'export const routes = {};\n');
    await writeFile(join(code, 'services', 'probe', 'config.json'), JSON.stringify({ runtime: { replicas: 1, concurrencyPerReplica: 1, queueLimit: 1 } }));
    const compiled = pathToFileURL(join(REPO_ROOT, 'dist/world/local/service-process.js')).href;
    const { ServiceProcess } = (await import(compiled)) as typeof import('../../../src/world/local/service-process.ts');
    const proc = await ServiceProcess.start({ type: 'init', service: 'probe', version: 'stable', seed: 1, routerPorts: {}, statsIntervalMs: 1000 }, () => {});
    try {
      await proc.load(code, 1);
    } finally {
      await proc.stop();
    }
    const probe = JSON.parse(await readFile(join(dir, 'probe.json'), 'utf8')) as { entry: string; execArgv: string[] };
    expect(probe.entry).toBe(join(REPO_ROOT, 'dist/testbed/process/service-main.js'));
    expect(probe.execArgv.join(' ')).not.toMatch(/tsx/);
  }, 60_000);
});
