import { InfraError, UserInputError } from '../../util/errors.ts';
import { findExecutable } from '../../util/find-executable.ts';
import { findDockerEngine } from './docker-engine.ts';
import { chooseDefaultImage } from './prometheus-image.ts';

/** How a `local` run's real Prometheus runs; none (undefined) means the embedded scraper. */
export type PrometheusPlan =
  | { kind: 'binary'; binary: string }
  | {
      kind: 'container';
      image: string;
      /** The static binary the image is built from when the engine does not have it (the scratch image). */
      buildFrom?: string;
      /** Where the engine seemed to be when the plan was made (for messages). */
      engine: string | undefined;
      /** --keep: the container (and its TSDB) are left for a look. */
      keep: boolean;
    };

/** What the plan looks at on this machine; tests inject their own. */
export interface PrometheusProbes {
  findBinary(name: string): string | undefined;
  findDockerEngine(): string | undefined;
  chooseDefaultImage(): { image: string; buildFrom?: string };
}

export const HOST_PROBES: PrometheusProbes = { findBinary: findExecutable, findDockerEngine: () => findDockerEngine(), chooseDefaultImage: () => chooseDefaultImage() };

/**
 * `--prometheus auto|off|container|PATH` (and `--prometheus-image`, `--keep`):
 * - auto: the binary on PATH; else a container when a Docker engine is found (most users have
 *   Docker and no Prometheus); else undefined (the embedded scraper);
 * - container: a container, wherever the engine is (testcontainers looks further than the probe);
 * - a path or a name on PATH: that binary.
 * The image: `--prometheus-image`, else the scratch image when the pinned static build is here,
 * else the official one.
 */
export function planPrometheus(
  opts: { prometheus?: string; prometheusImage?: string; keep?: boolean },
  probes: PrometheusProbes = HOST_PROBES,
): PrometheusPlan | undefined {
  const choice = opts.prometheus ?? 'auto';
  if (opts.prometheusImage !== undefined && !['auto', 'container'].includes(choice)) {
    throw new UserInputError(`--prometheus-image is for --prometheus container (or auto), not --prometheus ${choice}`, { hint: 'add --prometheus container' });
  }
  if (choice === 'off') return undefined;
  if (choice === 'container') return planContainer(opts, probes);
  if (choice === 'auto') {
    const binary = probes.findBinary('prometheus');
    if (binary) return { kind: 'binary', binary };
    return probes.findDockerEngine() ? planContainer(opts, probes) : undefined;
  }
  const binary = probes.findBinary(choice);
  if (!binary) throw new InfraError(`--prometheus ${choice}: no such executable`, { hint: 'give the path of a prometheus binary, or auto, container or off' });
  return { kind: 'binary', binary };
}

function planContainer(opts: { prometheusImage?: string; keep?: boolean }, probes: PrometheusProbes): PrometheusPlan {
  const engine = probes.findDockerEngine();
  const fallback = probes.chooseDefaultImage();
  const image = opts.prometheusImage ?? fallback.image;
  if (image.trim() === '') throw new UserInputError('--prometheus-image is empty', { hint: 'e.g. --prometheus-image prom/prometheus:v3.16.0' });
  // The scratch image is built from the static binary whenever it is asked for, by default or by name.
  const buildFrom = image === fallback.image ? fallback.buildFrom : undefined;
  return { kind: 'container', image, ...(buildFrom ? { buildFrom } : {}), engine, keep: opts.keep ?? false };
}

