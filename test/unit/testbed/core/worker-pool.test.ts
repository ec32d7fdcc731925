import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../../src/testbed/core/worker-pool.ts';

const task = (log: string[], name: string) => ({ start: () => log.push(name) });

describe('WorkerPool', () => {
  it('runs up to its workers, queues FIFO up to the limit, sheds the rest', () => {
    const pool = new WorkerPool(2, 1);
    const log: string[] = [];
    expect(pool.acquire(task(log, 'a'))).toBe(true);
    expect(pool.acquire(task(log, 'b'))).toBe(true);
    expect(pool.acquire(task(log, 'c'))).toBe(true);
    expect(pool.acquire(task(log, 'd'))).toBe(false);
    expect(log).toEqual(['a', 'b']);
    expect([pool.busy, pool.queued]).toEqual([2, 1]);
    pool.release();
    expect(log).toEqual(['a', 'b', 'c']);
    expect([pool.busy, pool.queued]).toEqual([2, 0]);
  });

  it('starts queued work when resized up', () => {
    const pool = new WorkerPool(0, 10);
    const log: string[] = [];
    pool.acquire(task(log, 'a'));
    pool.acquire(task(log, 'b'));
    expect(log).toEqual([]);
    pool.resize(1);
    expect(log).toEqual(['a']);
  });
});
