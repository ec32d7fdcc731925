import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../../src/clock/virtual-clock.ts';
import { GuardedInvocation } from '../../src/testbed/core/guarded-invocation.ts';

/**
 * What the sim cannot go below, measured on the sim's own clock with nothing in it: a drill runs
 * a number of clock events (every ctx.work, arrival, timeout and backoff) and a number of handler
 * runs (each an async handler awaited by the runtime). Here both run empty: no handler code, no
 * metrics, no retries, no truth. `floorMs` of a drill (its counts times these costs) is the least
 * wall time the sim could take for it with the handlers kept real async code; set against the
 * 4000 virtual s / wall s budget, it says how much of that budget the mechanism alone uses.
 */
export interface SimFloor {
  /** µs per clock event that wakes one awaiting async function (a ctx.work's wake). */
  eventUs: number;
  /** µs per handler run on top of its event: the handler's async frame and the runtime's await of it. */
  handlerUs: number;
}

const SLEEPERS = 200;
const ROUNDS = 1000;
const RESPONSE = { status: 200 };

/**
 * measureSimFloor in a process of its own (this bench's node flags): in the bench's process,
 * after or before the drills, the floor and the drills each read up to 20% off from their
 * values alone (a larger heap; the clock's code tuned on the other's callbacks).
 */
export function measureSimFloorAlone(): SimFloor {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { encoding: 'utf8' });
  return JSON.parse(out) as SimFloor;
}

/** Best of `tries` of each loop (200k events each). */
export async function measureSimFloor(tries = 3): Promise<SimFloor> {
  let bare = Infinity;
  let withHandler = Infinity;
  for (let i = 0; i < tries; i++) {
    bare = Math.min(bare, await timeLoop(false));
    withHandler = Math.min(withHandler, await timeLoop(true));
  }
  return { eventUs: bare, handlerUs: Math.max(0, withHandler - bare) };
}

/** µs per iteration of SLEEPERS async loops on one virtual clock, each waking ROUNDS times. */
async function timeLoop(handlers: boolean): Promise<number> {
  const clock = new VirtualClock();
  // Service times spread like the sim's, so the heap holds a realistic number of events at once.
  const handler = async (ms: number): Promise<typeof RESPONSE> => {
    await clock.sleep(ms);
    return RESPONSE;
  };
  const runHandler = async (ms: number): Promise<number> => (await handler(ms)).status;
  const sleeper = async (w: number): Promise<void> => {
    for (let i = 0; i < ROUNDS; i++) {
      const ms = 1 + ((i * 7 + w) % 13);
      if (handlers) await runHandler(ms);
      else await clock.sleep(ms);
    }
  };
  const started = performance.now();
  const done = Promise.all(Array.from({ length: SLEEPERS }, (_, w) => sleeper(w)));
  const events = await clock.runUntil(Number.MAX_SAFE_INTEGER);
  await done;
  const us = ((performance.now() - started) * 1000) / events;
  if (events !== SLEEPERS * ROUNDS) throw new Error(`floor loop ran ${events} events, expected ${SLEEPERS * ROUNDS}`);
  return us;
}

/** What one drill asks of the mechanism: its clock events and handler runs. */
export interface DrillCounts {
  events: number;
  handlerRuns: number;
}

/**
 * Counts a drill's events and handler runs while `run` runs (through the clock's runUntil and
 * the invocation's runHandler: a counting pass, never a timed one, since the wrappers cost time).
 */
export async function countDrill(run: () => Promise<void>): Promise<DrillCounts> {
  const counts: DrillCounts = { events: 0, handlerRuns: 0 };
  const runUntil = VirtualClock.prototype.runUntil;
  // runHandler, not start: an interference failure or a missing route starts no handler.
  const proto = GuardedInvocation.prototype as unknown as { runHandler: (...args: unknown[]) => Promise<void> };
  const originalRunHandler = proto.runHandler;
  VirtualClock.prototype.runUntil = async function (this: VirtualClock, ...args: Parameters<VirtualClock['runUntil']>): Promise<number> {
    const n = await runUntil.apply(this, args);
    counts.events += n;
    return n;
  };
  proto.runHandler = function (this: unknown, ...args: unknown[]): Promise<void> {
    counts.handlerRuns++;
    return originalRunHandler.apply(this, args);
  };
  try {
    await run();
  } finally {
    VirtualClock.prototype.runUntil = runUntil;
    proto.runHandler = originalRunHandler;
  }
  return counts;
}

/** The least wall ms the mechanism needs for a drill's counts. */
export function floorMs(floor: SimFloor, counts: DrillCounts): number {
  return (counts.events * floor.eventUs + counts.handlerRuns * floor.handlerUs) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await measureSimFloor()));
