import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runChildProcess, type ChildProcessResult, type ChildProcessStartError } from '../util/run-child-process.ts';

/** One test file's outcome in the sandbox. */
export interface TestFileResult {
  file: string;
  ok: boolean;
  passed: number;
  failed: number;
  /** Set when the file ran past its time limit and was killed. */
  timedOut?: boolean;
  /** The last lines it printed (why it failed). */
  outputTail: string;
}

export interface RepoTestResult {
  ok: boolean;
  files: TestFileResult[];
  /** How the tests were confined: what a reader needs to trust a green result from a hostile patch. */
  sandbox: { permissionModel: boolean; network: 'isolated' | 'not isolated' };
  reason?: string;
}

const TAIL_BYTES = 2000;

/**
 * Runs the repository's own tests (`*.test.js`, node:test) in a sandbox: Node's permission model
 * (reads and writes only inside the checkout, no child processes, no workers), a fresh network
 * namespace with no interfaces when the machine allows it (`unshare --net`), an empty
 * environment, and a time limit per file (the process group is killed past it). A patch that
 * breaks a test fails the PR; a hostile one cannot touch the machine.
 */
export async function runRepoTests(dir: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<RepoTestResult> {
  const files = await findTestFiles(dir);
  const sandbox = { permissionModel: true, network: canIsolateNetwork() ? ('isolated' as const) : ('not isolated' as const) };
  if (files.length === 0) return { ok: false, files: [], sandbox, reason: 'the repository has no tests (*.test.js)' };
  const results: TestFileResult[] = [];
  for (const file of files) results.push(await runOne(dir, file, sandbox.network === 'isolated', opts.timeoutMs ?? 30_000, opts.signal));
  const failing = results.filter((r) => !r.ok);
  return {
    ok: failing.length === 0,
    files: results,
    sandbox,
    ...(failing.length ? { reason: `${failing.length} of ${results.length} test files failed: ${failing.map((f) => f.file).join(', ')}` } : {}),
  };
}

async function findTestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.test\.[cm]?js$/.test(e.name)) out.push(relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

async function runOne(dir: string, file: string, isolate: boolean, timeoutMs: number, signal?: AbortSignal): Promise<TestFileResult> {
  const permission = Number(process.versions.node.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';
  const nodeArgs = [permission, `--allow-fs-read=${dir}`, `--allow-fs-write=${dir}`, file];
  const [command, args] = isolate ? ['unshare', ['--net', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  let r: ChildProcessResult;
  try {
    r = await runChildProcess({ command, args, cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: dir, NODE_NO_WARNINGS: '1' }, timeoutMs, signal, outputTail: 8 * TAIL_BYTES });
  } catch (err) {
    return { file, ok: false, passed: 0, failed: 0, outputTail: `cannot start the test: ${(err as ChildProcessStartError).reason}` };
  }
  const passed = Number(/^# pass (\d+)/m.exec(r.output)?.[1] ?? 0);
  const failed = Number(/^# fail (\d+)/m.exec(r.output)?.[1] ?? 0);
  const { timedOut } = r;
  return { file, ok: r.exitCode === 0 && !timedOut && failed === 0 && passed > 0, passed, failed, ...(timedOut ? { timedOut } : {}), outputTail: r.output.slice(-TAIL_BYTES) };
}

let isolation: boolean | undefined;

/** True when `unshare --net` works here (root, or user namespaces allowed); probed once. */
function canIsolateNetwork(): boolean {
  if (isolation === undefined) isolation = spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status === 0;
  return isolation;
}
