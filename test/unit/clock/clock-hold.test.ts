import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/virtual-clock.ts';
import { WallClock } from '../../../src/clock/wall-clock.ts';
import { runHeld } from '../../../src/runner/run-held.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { materializeWorkspace } from '../../../src/testbed/workspace.ts';
import { Timeline, type TimelineEvent } from '../../../src/timeline/index.ts';
import { createRng } from '../../../src/util/rng.ts';
import { createSimWorld } from '../../../src/world/sim/create-sim-world.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const sleepProcess = (ms: number): Promise<unknown> => promisify(execFile)(process.execPath, ['-e', `setTimeout(() => {}, ${ms})`]);

describe('clock.hold', () => {
  it('runs no event while held work is in flight, then resumes where it stood', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    for (let t = 10; t <= 100; t += 10) clock.schedule(t, () => seen.push(clock.now()));
    let heldAt: number | undefined;
    let eventsDuringHold = -1;
    clock.schedule(35, () => {
      heldAt = clock.now();
      const before = seen.length;
      void clock.hold(sleepProcess(50)).then(({ wallMs }) => {
        eventsDuringHold = seen.length - before;
        expect(wallMs).toBeGreaterThanOrEqual(50);
        expect(clock.now()).toBe(35);
      });
    });
    await clock.runUntil(100);
    expect(heldAt).toBe(35);
    expect(eventsDuringHold).toBe(0);
    expect(seen).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('passes a rejection through and releases the clock', async () => {
    const clock = new VirtualClock();
    let caught: unknown;
    clock.schedule(5, () => {
      clock.hold(Promise.reject(new Error('agent crashed'))).catch((err: unknown) => (caught = err));
    });
    clock.schedule(6, () => {});
    await clock.runUntil(10);
    expect((caught as Error).message).toBe('agent crashed');
    expect(clock.held).toBe(0);
    expect(clock.now()).toBe(10);
  });

  it('stops waiting for a hung hold when the run is aborted', async () => {
    const clock = new VirtualClock();
    const ac = new AbortController();
    clock.schedule(5, () => void clock.hold(new Promise(() => {})));
    setTimeout(() => ac.abort(), 30);
    const started = performance.now();
    await clock.runUntil(1000, () => ac.signal.aborted, ac.signal);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(clock.now()).toBe(5);
  });

  it('on a wall clock only measures', async () => {
    const { value, wallMs } = await new WallClock().hold(sleepProcess(20).then(() => 'ok'));
    expect(value).toBe('ok');
    expect(wallMs).toBeGreaterThanOrEqual(20);
  });

  it('holds a sim world on a real 200 ms child process: no world event meanwhile, then the charged time', async () => {
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l0.yaml'));
    const workspace = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
    const timeline = new Timeline();
    const stamped: { e: TimelineEvent; wall: number }[] = [];
    timeline.onEvent((e) => stamped.push({ e, wall: performance.now() }));
    try {
      const world = await createSimWorld({ scenario, stack, workspace, seed: 1, rng: createRng(1), timeline });
      await world.advanceTo(60_000);
      const requestsBefore = world.takeTruth(true).reduce((n, b) => n + b.total, 0);
      let holdWall: { from: number; to: number } | undefined;
      let landedAt: number | undefined;
      world.clock.schedule(61_000, () => {
        const from = performance.now();
        void runHeld({
          clock: world.clock, timeline, source: 'agent', what: 'a 200 ms child process', charge: { modeledMs: 45_000 },
          work: sleepProcess(200).then(() => (holdWall = { from, to: performance.now() })),
        }).then(() => (landedAt = world.clock.now()));
      });
      await world.advanceTo(120_000);
      await world.stop();

      expect(holdWall!.to - holdWall!.from).toBeGreaterThanOrEqual(200);
      const during = stamped.filter(({ wall }) => wall > holdWall!.from && wall < holdWall!.to);
      expect(during.map(({ e }) => e.type)).toEqual([]);
      const held = timeline.all().find((e) => e.type === 'clock.held')!;
      expect(held).toMatchObject({ t: 61_000, startedAt: 61_000, chargedMs: 45_000, charge: 'modeled' });
      expect(held).not.toHaveProperty('wallMs');
      expect(landedAt).toBe(106_000);
      // The world ran on afterwards: snapshots at 70 s, 80 s... and users kept arriving.
      const snapshots = timeline.all().filter((e) => e.type === 'world.snapshot' && e.t > 61_000).map((e) => e.t);
      expect(snapshots[0]).toBe(70_000);
      expect(world.takeTruth(true).reduce((n, b) => n + b.total, 0)).toBeGreaterThan(requestsBefore);
    } finally {
      await workspace.remove();
    }
  });
});
