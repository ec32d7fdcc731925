// A drill allocates short-lived objects for every simulated request. With V8's default 16 MB
// semi-space they are scavenged several times per wall-clock second, and a drill spends about 20%
// of its CPU copying them (maturity suite in one thread: 80.6 -> 67.4 s wall with 64 MB). Suite
// workers get the same young generation through resourceLimits (src/suite/run-pool.ts). A V8 heap
// flag only takes effect when node starts, so `firedrill run` starts node again with it, as tsx's
// own CLI does for its loader. A shebang flag (`env -S node ...`) would not need the second process,
// but BusyBox's env (Alpine images) has no -S and the bin would not start at all there.
import { spawn } from 'node:child_process';

const FLAG = '--max-semi-space-size=64';

/**
 * For `run` in a node started without the flag: runs this same command in a node started with it,
 * passing stdio through, and exits as it exits. Ctrl-C reaches both processes from the terminal;
 * this one waits for the child to stop cleanly, and passes on a termination sent to it alone.
 * Returns false when there is nothing to do (other commands start faster without a second node).
 */
export function relaunchWithYoungGeneration() {
  if (process.argv[2] !== 'run' || process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) return false;
  const child = spawn(process.execPath, [...process.execArgv, FLAG, ...process.argv.slice(1)], { stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', () => {}); // the terminal sent it to the child too: wait for its clean stop
  process.on('SIGTERM', forward('SIGTERM'));
  process.on('SIGHUP', forward('SIGHUP'));
  child.on('error', (err) => {
    process.stderr.write(`firedrill: cannot start node again with ${FLAG}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
  return true;
}
