import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isComponentAlive, readLogTail, spawnComponent, stopComponent } from '../../../../src/world/cluster/control-plane/component-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-component-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('control-plane component processes', () => {
  it('runs a program detached with its log, and stops it with its process group', async () => {
    const log = join(dir, 'etcd.log');
    // A shell that forks a child: stopping the component must take the child too.
    const { record, child } = spawnComponent('etcd', '/bin/sh', ['-c', 'echo started; sleep 60 & echo child $!; wait'], log);
    await new Promise((r) => setTimeout(r, 300));
    expect(isComponentAlive(record)).toBe(true);
    expect(record.startTicks).toBeGreaterThan(0);
    expect(readLogTail(log)).toMatch(/^started\nchild \d+$/);
    const grandchild = Number(/child (\d+)/.exec(readFileSync(log, 'utf8'))![1]);
    const exited = new Promise((r) => child.once('exit', r));
    await stopComponent(record, 2000);
    await exited;
    expect(isComponentAlive(record)).toBe(false);
    expect(isComponentAlive({ pid: grandchild, startTicks: 0 })).toBe(false);
  });

  it('leaves alone a pid that now belongs to another program (start time differs)', async () => {
    const { record, child } = spawnComponent('kwok', '/bin/sleep', ['60'], join(dir, 'kwok.log'));
    const stranger = { ...record, startTicks: record.startTicks + 1 };
    expect(isComponentAlive(stranger)).toBe(false);
    await stopComponent(stranger, 100);
    expect(isComponentAlive(record)).toBe(true);
    const exited = new Promise((r) => child.once('exit', r));
    await stopComponent(record, 2000);
    await exited;
  });
});
