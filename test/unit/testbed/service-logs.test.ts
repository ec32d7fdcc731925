import { describe, expect, it } from 'vitest';
import { ServiceLogStore } from '../../../src/testbed/service-logs.ts';

const line = (t: number, service: string, version: string, message: string, level = 'error') => ({ t, service, version, level, message, fields: { t } });

describe('ServiceLogStore', () => {
  it('groups messages per service version with counts since a time', () => {
    const store = new ServiceLogStore();
    for (let t = 0; t < 300_000; t += 1000) store.add(line(t, 'checkout', 'canary', 'unhandled error: TypeError: boom'));
    store.add(line(10_000, 'checkout', 'stable', 'payment failed', 'warn'));
    const since = store.groups(240_000);
    expect(since).toEqual([expect.objectContaining({ service: 'checkout', version: 'canary', count: 60, message: 'unhandled error: TypeError: boom', example: { t: 299_000 } })]);
    expect(store.groups(0).map((g) => [g.version, g.count])).toEqual([['canary', 300], ['stable', 1]]);
  });

  it('searches by service, version, time and grep (substring or regex), newest kept', () => {
    const store = new ServiceLogStore({ linesPerVersion: 100 });
    for (let t = 0; t < 200; t++) store.add(line(t, 'payments', 'stable', t % 2 ? 'charge declined' : 'charge ok', 'info'));
    expect(store.droppedLines).toBe(100);
    expect(store.query({ service: 'payments', grep: 'DECLINED', limit: 3 }).map((l) => l.t)).toEqual([195, 197, 199]);
    expect(store.query({ grep: '/charge (ok|no)$/', since: 190 }).map((l) => l.t)).toEqual([190, 192, 194, 196, 198]);
    expect(store.query({ version: 'canary' })).toEqual([]);
  });

  it('treats a catastrophic regex as text instead of freezing', () => {
    const store = new ServiceLogStore();
    store.add(line(0, 'a', 'stable', 'a'.repeat(40) + '!'));
    const started = performance.now();
    expect(store.query({ grep: '/(a+)+$/' })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('caps distinct messages per version under one "other" group', () => {
    const store = new ServiceLogStore({ groupsPerVersion: 3 });
    for (let i = 0; i < 10; i++) store.add(line(i, 'ledger', 'stable', `write ${i}`));
    const groups = store.groups();
    expect(groups).toHaveLength(4);
    expect(groups[0]).toMatchObject({ message: '(other messages)', count: 7 });
  });
});
