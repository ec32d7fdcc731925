import { PassThrough, type Readable } from 'node:stream';
import type { StartedTestContainer } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { InfraError } from '../../../../src/util/errors.ts';
import { buildPrometheusArgs } from '../../../../src/world/local/prometheus-config.ts';
import { ContainerPrometheusLauncher, explainStartFailure, planPrometheusContainer, type ContainerPlan } from '../../../../src/world/local/prometheus-container.ts';

describe('planPrometheusContainer', () => {
  it('runs the host binary\'s flags on the host network, as this user, with the run dir at its own path', () => {
    const args = buildPrometheusArgs('/tmp/run-1', 9091, 20_000);
    expect(args).toEqual([
      '--config.file=/tmp/run-1/prometheus.yml', '--storage.tsdb.path=/tmp/run-1/data', '--web.listen-address=127.0.0.1:9091', '--query.lookback-delta=20s', '--storage.tsdb.retention.time=1d',
    ]);
    expect(planPrometheusContainer({ image: 'prom/prometheus:v3.16.0', dir: '/tmp/run-1', args, uid: 1000, gid: 100 })).toEqual({
      image: 'prom/prometheus:v3.16.0',
      networkMode: 'host',
      user: '1000:100',
      bindMounts: [{ source: '/tmp/run-1', target: '/tmp/run-1', mode: 'rw' }],
      command: args,
      labels: { 'dev.firedrill.role': 'prometheus' },
    });
  });
});

/** A stand-in for testcontainers: records the plan and every stop; `logs` ends when it "exits". */
function fakeStarter(fail?: Error) {
  const calls = { plans: [] as ContainerPlan[], stops: [] as unknown[], logs: new PassThrough() };
  const starter = async (plan: ContainerPlan, onLogs: (s: Readable) => void): Promise<StartedTestContainer> => {
    if (fail) throw fail;
    calls.plans.push(plan);
    onLogs(calls.logs);
    return { getId: () => 'abcdef0123456789', stop: async (o: unknown) => void calls.stops.push(o) } as unknown as StartedTestContainer;
  };
  return { calls, starter };
}

describe('ContainerPrometheusLauncher', () => {
  const opts = { image: 'img:1', dir: '/tmp/run-2', keep: false };

  it('removes the container when stopped or killed, once, and reports an exit with its logs', async () => {
    const { calls, starter } = fakeStarter();
    const instance = await new ContainerPrometheusLauncher(opts, starter, { uid: 1, gid: 2 }).launch(['--x']);
    expect(calls.plans[0]).toMatchObject({ image: 'img:1', user: '1:2', command: ['--x'] });
    expect(instance.containerId).toBe('abcdef0123456789');
    const exits: string[] = [];
    instance.onExit((why) => exits.push(why));
    calls.logs.write('ts=1 level=info msg="Server is ready"\n');
    expect(instance.hasExited()).toBe(false);
    calls.logs.end();
    await new Promise((r) => setImmediate(r));
    expect(instance.hasExited()).toBe(true);
    expect(exits).toEqual(['container abcdef012345 stopped']);
    expect(instance.tail.text()).toMatch(/Server is ready/);
    await instance.stop();
    await instance.kill();
    expect(calls.stops).toEqual([{ timeout: 5000, remove: true, removeVolumes: true }]);
  });

  it('leaves the container with --keep', async () => {
    const { calls, starter } = fakeStarter();
    const instance = await new ContainerPrometheusLauncher({ ...opts, keep: true }, starter).launch([]);
    await instance.stop();
    expect(calls.stops).toEqual([]);
  });

  it('turns a failed start into a typed error with a hint', async () => {
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    const { starter } = fakeStarter(new Error('(HTTP code 404) no such image - pull access denied for img, repository does not exist'));
    const err = await new ContainerPrometheusLauncher(opts, starter).launch([]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as InfraError).message).toMatch(/img:1 is not on the Docker engine and could not be pulled/);
    expect((err as InfraError).hint).toMatch(/FROM scratch/);
    expect(explainStartFailure('i', new Error('cannot pull testcontainers/ryuk:0.11.0')).hint).toMatch(/TESTCONTAINERS_RYUK_DISABLED=true/);
    expect(explainStartFailure('i', new Error('boom')).exitCode).toBe(3);
    // With Ryuk on, a registry lookup at start is its image's (the Prometheus image was checked before).
    delete process.env.TESTCONTAINERS_RYUK_DISABLED;
    expect(explainStartFailure('i', new Error('Get "https://registry-1.docker.io/v2/": no such host')).message).toMatch(/Ryuk/);
  });
});
