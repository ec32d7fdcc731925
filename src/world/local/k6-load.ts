import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../../util/errors.ts';
import type { LoadSpec } from '../load-spec.ts';
import { createCartPool } from '../payloads.ts';
import type { RequestOutcome } from '../truth.ts';
import { stopGracefully, trackChild } from './cleanup-registry.ts';
import type { LoadCounters } from './http-load-generator.ts';
import { buildK6Script } from './k6-script.ts';
import { parseK6Line } from './k6-results.ts';
import type { LoadDriver } from './load-driver.ts';
import { LogTail, withLogTail } from './log-tail.ts';
import { OutputReader } from './output-reader.ts';
import type { RequestTrace } from './request-trace.ts';

/** How often k6's JSON output is read while it runs (ground truth is needed mid-run). */
const READ_EVERY_MS = 250;

/**
 * `--load k6`: the scenario's load driven by the k6 binary with a generated script; its JSON
 * output, read as it grows, is the ground truth. Request ids tie each result to the canary trace.
 */
export function createK6Load(opts: {
  binary: string;
  dir: string;
  port: number;
  spec: LoadSpec;
  seed: number;
  /** Unix ms to the run's virtual ms. */
  toVirtual: (unixMs: number) => number;
  trace: RequestTrace;
  /** Virtual ms per real ms. */
  scale: number;
  onOutcome: (o: RequestOutcome) => void;
  onFailure: (err: InfraError) => void;
}): LoadDriver {
  const counters: LoadCounters = { arrivals: 0, sent: 0, dropped: 0, completed: 0, timedOut: 0 };
  const output = join(opts.dir, 'k6.json');
  const tail = new LogTail();
  let child: ChildProcess | undefined;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const reader = new OutputReader(output, (line) => {
    const o = parseK6Line(line, opts.toVirtual, (id) => opts.trace.take(id) === 'canary');
    if (!o) return;
    count(counters, o);
    opts.onOutcome(o);
  });
  return {
    kind: 'k6',
    async start(durationMs) {
      await writeFile(join(opts.dir, 'bodies.json'), JSON.stringify(createCartPool(opts.seed)));
      const script = join(opts.dir, 'drill.js');
      await writeFile(script, buildK6Script({ baseUrl: `http://127.0.0.1:${opts.port}`, spec: opts.spec, durationMs, seed: opts.seed }));
      await writeFile(output, '');
      // --address 127.0.0.1:0: k6's REST API on a free port, so parallel runs never collide on 6565.
      const args = ['run', '--quiet', '--no-summary', '--no-usage-report', '--address', '127.0.0.1:0', '--out', `json=${output}`, script];
      child = spawn(opts.binary, args, { cwd: opts.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      trackChild(child);
      tail.follow(child.stdout);
      tail.follow(child.stderr);
      child.on('exit', (code, signal) => {
        if (stopping || code === 0) return;
        opts.onFailure(new InfraError(withLogTail(`k6 stopped during the run (${signal ?? `exit code ${code}`})`, tail), { hint: 'run the generated script by hand: k6 run drill.js' }));
      });
      timer = setInterval(() => void reader.read(), READ_EVERY_MS);
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      // SIGTERM: k6 flushes its JSON output (the last results) before it exits.
      if (child) await stopGracefully(child, () => child!.kill('SIGTERM'), 3_000);
      await reader.read();
      await reader.close();
    },
    counters: () => ({ ...counters }),
    // k6 reports a request when it ends, and we read its output every READ_EVERY_MS: anything
    // that started longer ago than the timeout plus one read (and a margin) has been reported.
    completeBefore: (now) => now - (opts.spec.timeoutMs + 2 * READ_EVERY_MS + 1000) * opts.scale,
  };
}

function count(counters: LoadCounters, o: RequestOutcome): void {
  counters.arrivals++;
  if (o.error === 'dropped') {
    counters.dropped++;
    return;
  }
  counters.sent++;
  counters.completed++;
  if (o.error === 'timeout') counters.timedOut++;
}
