import { describe, expect, it } from 'vitest';
import { InfraError, UserInputError } from '../../../../src/util/errors.ts';
import { findDockerEngine } from '../../../../src/world/local/docker-engine.ts';
import { planPrometheus, type PrometheusProbes } from '../../../../src/world/local/prometheus-plan.ts';
import { chooseDefaultImage, officialPrometheusImage, scratchPrometheusImage } from '../../../../src/world/local/prometheus-image.ts';
import { readGoToolPins } from '../../../../src/util/go-tools.ts';

const probes = (over: Partial<PrometheusProbes> = {}): PrometheusProbes => ({
  findBinary: (name) => (name === 'prometheus' ? '/usr/bin/prometheus' : name.startsWith('/') ? name : undefined),
  findDockerEngine: () => 'unix:///run/docker.sock',
  chooseDefaultImage: () => ({ image: 'firedrill/prometheus-scratch:v3.16.0', buildFrom: '/cache/prometheus' }),
  ...over,
});

describe('planPrometheus', () => {
  it('auto: the binary on PATH first, else a container where a Docker engine is, else the embedded scraper', () => {
    expect(planPrometheus({}, probes())).toEqual({ kind: 'binary', binary: '/usr/bin/prometheus' });
    expect(planPrometheus({ prometheus: 'auto' }, probes({ findBinary: () => undefined }))).toEqual({
      kind: 'container', image: 'firedrill/prometheus-scratch:v3.16.0', buildFrom: '/cache/prometheus', engine: 'unix:///run/docker.sock', keep: false,
    });
    expect(planPrometheus({ prometheus: 'auto' }, probes({ findBinary: () => undefined, findDockerEngine: () => undefined }))).toBeUndefined();
  });

  it('container: even with a binary on PATH; an image of the user\'s is never built, only the scratch one', () => {
    expect(planPrometheus({ prometheus: 'container', keep: true }, probes())).toMatchObject({ kind: 'container', buildFrom: '/cache/prometheus', keep: true });
    const official = planPrometheus({ prometheus: 'container', prometheusImage: 'prom/prometheus:v3.16.0' }, probes());
    expect(official).toEqual({ kind: 'container', image: 'prom/prometheus:v3.16.0', engine: 'unix:///run/docker.sock', keep: false });
    // Asked for by name, the scratch image is still built from the static binary.
    expect(planPrometheus({ prometheus: 'container', prometheusImage: 'firedrill/prometheus-scratch:v3.16.0' }, probes())).toMatchObject({ buildFrom: '/cache/prometheus' });
    // No engine found by the quick probe: testcontainers still looks (its config file, other sockets).
    expect(planPrometheus({ prometheus: 'container' }, probes({ findDockerEngine: () => undefined }))).toMatchObject({ kind: 'container', engine: undefined });
  });

  it('off, a path, and the mistakes', () => {
    expect(planPrometheus({ prometheus: 'off' }, probes())).toBeUndefined();
    expect(planPrometheus({ prometheus: '/opt/prometheus' }, probes())).toEqual({ kind: 'binary', binary: '/opt/prometheus' });
    expect(() => planPrometheus({ prometheus: 'nope' }, probes())).toThrow(InfraError);
    expect(() => planPrometheus({ prometheus: 'off', prometheusImage: 'x:1' }, probes())).toThrow(UserInputError);
    expect(() => planPrometheus({ prometheus: 'container', prometheusImage: ' ' }, probes())).toThrow(/empty/);
  });
});

describe('the default image', () => {
  const pin = readGoToolPins().find((p) => p.binary === 'prometheus')!;

  it('is named after the pinned release', () => {
    expect(scratchPrometheusImage(pin)).toMatch(/^firedrill\/prometheus-scratch:v3\.\d+\.\d+$/);
    expect(officialPrometheusImage(pin)).toMatch(/^prom\/prometheus:v3\.\d+\.\d+$/);
  });

  it('is the scratch image when the pinned static build is cached, else the official one', () => {
    const none = chooseDefaultImage({ env: { FIREDRILL_TOOLS_DIR: '/nonexistent', PATH: '' } });
    expect(none).toEqual({ image: officialPrometheusImage(pin) });
  });
});

describe('findDockerEngine', () => {
  it('DOCKER_HOST first, then the first socket that exists', () => {
    expect(findDockerEngine({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, () => false)).toBe('tcp://127.0.0.1:2375');
    expect(findDockerEngine({}, (p) => p === '/var/run/docker.sock')).toBe('unix:///var/run/docker.sock');
    expect(findDockerEngine({ XDG_RUNTIME_DIR: '/run/user/1000' }, (p) => p === '/run/user/1000/docker.sock')).toBe('unix:///run/user/1000/docker.sock');
    expect(findDockerEngine({}, () => false)).toBeUndefined();
  });
});
