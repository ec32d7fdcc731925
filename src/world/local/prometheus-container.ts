import type { Readable } from 'node:stream';
import type { StartedTestContainer } from 'testcontainers';
import { InfraError } from '../../util/errors.ts';
import { trackContainer, untrackContainer } from './cleanup-registry.ts';
import { connectDockerEngine } from './docker-engine.ts';
import { LogTail } from './log-tail.ts';
import type { PrometheusInstance, PrometheusLauncher } from './prometheus-instance.ts';
import { ensurePrometheusImage, missingImageError } from './prometheus-image.ts';

const STOP_GRACE_MS = 5_000;
/** Every container firedrill starts carries it (testcontainers adds its own org.testcontainers labels). */
export const CONTAINER_LABEL = 'dev.firedrill.role';

export interface ContainerPlan {
  image: string;
  /** The container shares the host's network: see planPrometheusContainer. */
  networkMode: 'host';
  user: string;
  bindMounts: { source: string; target: string; mode: 'rw' }[];
  command: string[];
  labels: Record<string, string>;
}

/**
 * How the container runs, the same Prometheus flags as the host binary:
 * - host network: the testbed listens on 127.0.0.1 only (nothing of a drill is reachable from
 *   the LAN), and so does Prometheus, at the port the harness chose; the config's targets stay
 *   127.0.0.1:PORT. A bridged container would need the services on a routable address and its
 *   targets rewritten, so it would not scrape what the host binary scrapes;
 * - the run's temp dir mounted at its own path, so the flags name the same files;
 * - this process's uid:gid, so Prometheus can write the TSDB into that dir (mkdtemp makes it
 *   0700) and the files it leaves are the user's to remove (the official image runs as nobody).
 */
export function planPrometheusContainer(opts: { image: string; dir: string; args: string[]; uid: number; gid: number }): ContainerPlan {
  return {
    image: opts.image,
    networkMode: 'host',
    user: `${opts.uid}:${opts.gid}`,
    bindMounts: [{ source: opts.dir, target: opts.dir, mode: 'rw' }],
    command: opts.args,
    labels: { [CONTAINER_LABEL]: 'prometheus' },
  };
}

/**
 * Connects to the engine and makes sure the image is there (building the scratch one): the world
 * calls it before it starts anything, so no engine fails in a second, not after the testbed's start.
 */
export async function prepareContainerImage(opts: { image: string; buildFrom?: string }): Promise<void> {
  const client = await connectDockerEngine();
  await ensurePrometheusImage(client, opts.image, opts.buildFrom);
}

/** Starts a planned container; its log stream goes to `onLogs` and ends when the container does. */
export type ContainerStarter = (plan: ContainerPlan, onLogs: (stream: Readable) => void) => Promise<StartedTestContainer>;

const startWithTestcontainers: ContainerStarter = async (plan, onLogs) =>
  new (await import('testcontainers')).GenericContainer(plan.image)
    .withNetworkMode(plan.networkMode)
    .withUser(plan.user)
    .withBindMounts(plan.bindMounts)
    .withCommand(plan.command)
    .withLabels(plan.labels)
    .withLogConsumer(onLogs)
    .start();

/** Prometheus as a throwaway container through testcontainers (`--prometheus container`). */
export class ContainerPrometheusLauncher implements PrometheusLauncher {
  readonly hint = 'see its log above; or use --prometheus auto|off|PATH to run it another way';

  constructor(
    private readonly opts: { image: string; buildFrom?: string; dir: string; keep: boolean },
    private readonly start: ContainerStarter = startWithTestcontainers,
    private readonly ids = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
  ) {}

  get describe(): string {
    return `container ${this.opts.image}`;
  }

  prepare(): Promise<void> {
    return prepareContainerImage(this.opts);
  }

  async launch(args: string[]): Promise<PrometheusInstance> {
    const tail = new LogTail();
    let ended = false;
    const endListeners: (() => void)[] = [];
    const plan = planPrometheusContainer({ image: this.opts.image, dir: this.opts.dir, args, ...this.ids });
    const onLogs = (stream: Readable): void => {
      tail.follow(stream);
      stream.once('end', () => {
        ended = true;
        for (const l of endListeners) l();
      });
    };
    let container: StartedTestContainer;
    try {
      container = await this.start(plan, onLogs);
    } catch (err) {
      throw explainStartFailure(this.opts.image, err);
    }
    trackContainer(container.getId());
    return new ContainerPrometheus(container, tail, this.opts.keep, () => ended, (l) => endListeners.push(l));
  }

  async readVersion(baseUrl: string): Promise<string> {
    const res = await fetch(`${baseUrl}/api/v1/status/buildinfo`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { data?: { version?: string } };
    return body.data?.version ?? 'unknown';
  }
}

class ContainerPrometheus implements PrometheusInstance {
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly container: StartedTestContainer,
    readonly tail: LogTail,
    private readonly keep: boolean,
    readonly hasExited: () => boolean,
    private readonly addEndListener: (l: () => void) => void,
  ) {}

  get containerId(): string {
    return this.container.getId();
  }

  startError(): undefined {
    return undefined;
  }

  onExit(listener: (why: string) => void): void {
    this.addEndListener(() => listener(`container ${this.containerId.slice(0, 12)} stopped`));
  }

  stop(): Promise<void> {
    return this.end(STOP_GRACE_MS);
  }

  kill(): Promise<void> {
    return this.end(0);
  }

  /** Stops (SIGTERM, then SIGKILL after `graceMs`) and removes it, once; with --keep it is left as it is. */
  private end(graceMs: number): Promise<void> {
    if (this.keep) return Promise.resolve();
    this.stopped ??= this.container.stop({ timeout: graceMs, remove: true, removeVolumes: true }).then(() => untrackContainer(this.containerId));
    return this.stopped;
  }
}

/** A typed error for the usual causes: the image could not be found or pulled, Ryuk could not start. */
export function explainStartFailure(image: string, err: unknown): InfraError {
  const message = (err as Error)?.message ?? String(err);
  // The image was checked (or pulled) before the start: a registry lookup now is Ryuk's image.
  const ryukOn = process.env.TESTCONTAINERS_RYUK_DISABLED !== 'true';
  if (/ryuk/i.test(message) || (ryukOn && /registry|pull/i.test(message))) {
    return new InfraError(`testcontainers could not start its reaper (Ryuk): ${message}`, {
      hint: 'without a registry for its image, set TESTCONTAINERS_RYUK_DISABLED=true (firedrill removes its containers itself)',
      cause: err,
    });
  }
  if (/pull|manifest|not found|no such image|repository|registry/i.test(message)) return missingImageError(image, err);
  return new InfraError(`cannot start a Prometheus container from ${image}: ${message}`, { hint: 'is the Docker engine healthy? `docker run --rm --network host IMAGE --version` should work', cause: err });
}
