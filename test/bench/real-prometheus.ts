import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOpenMetrics, type TextSample } from '../../src/metrics/series-file/openmetrics.ts';

/**
 * A real Prometheus holding given samples: backfilled with `promtool tsdb create-blocks-from
 * openmetrics`, then started by hand on 127.0.0.1 with an empty scrape config (Debian's package
 * has no service manager here). stop() kills exactly the process it started and removes its files.
 */
export interface RealPrometheus {
  url: string;
  version: string;
  stop(): Promise<void>;
}

/** Which binaries to run: those on PATH (Debian's 2.42) unless given (the pinned 3.x build). */
export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
}

const ON_PATH: PrometheusBinaries = { prometheus: 'prometheus', promtool: 'promtool' };

export function prometheusAvailable(): string | undefined {
  for (const bin of ['prometheus', 'promtool']) {
    if (spawnSync(bin, ['--version'], { encoding: 'utf8' }).status !== 0) return `${bin} is not installed (apt-get install -y --no-install-recommends prometheus)`;
  }
  return undefined;
}

export async function startRealPrometheus(samples: TextSample[], bins: PrometheusBinaries = ON_PATH): Promise<RealPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-prometheus-'));
  let child: ChildProcess | undefined;
  try {
    const om = join(dir, 'data.om');
    writeFileSync(om, formatOpenMetrics(sortBySeries(samples)));
    const backfill = spawnSync(bins.promtool, ['tsdb', 'create-blocks-from', 'openmetrics', om, join(dir, 'data')], { encoding: 'utf8', timeout: 300_000 });
    if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr || backfill.stdout}`);
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 1m\nscrape_configs: []\n');
    const port = await freePort();
    child = spawn(bins.prometheus, [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=100y', '--log.level=warn',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, child, () => stderr);
    const version = spawnSync(bins.prometheus, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    const started = child;
    // Ctrl-C must not leave the server or its files behind.
    const onSignal = (signal: NodeJS.Signals): void => {
      started.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      process.kill(process.pid, signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return {
      url,
      version,
      stop: async () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await stopProcess(started);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (child) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** promtool wants each series' samples together and in time order. */
function sortBySeries(samples: TextSample[]): TextSample[] {
  const keys = new WeakMap<object, string>();
  const key = (s: TextSample): string => {
    let k = keys.get(s.labels);
    if (k === undefined) keys.set(s.labels, (k = JSON.stringify(Object.entries(s.labels).sort())));
    return k;
  };
  return [...samples].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.t - b.t;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr()}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus did not become ready within 60 s: ${stderr()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
