import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { InfraError } from '../../util/errors.ts';
import { GO_TOOLS_SCRIPT, findGoTool, type GoToolPin } from '../../util/go-tools.ts';

/** The Prometheus release a pin builds (its stamped version: v0.316.0 is 3.16.0). */
export function readPinnedRelease(pin: GoToolPin): string {
  return /version\.Version=(\S+)/.exec(pin.ldflags)?.[1] ?? pin.version;
}

/** The official image of the pinned release (pulled from a registry when missing). */
export function officialPrometheusImage(pin: GoToolPin): string {
  return `prom/prometheus:v${readPinnedRelease(pin)}`;
}

/** The image built here, FROM scratch, from the pinned static build: never pulled, so it needs no registry. */
export function scratchPrometheusImage(pin: GoToolPin): string {
  return `firedrill/prometheus-scratch:v${readPinnedRelease(pin)}`;
}

/**
 * The default `--prometheus-image`: the scratch image when the pinned static Prometheus is built
 * (built from it on first use), else the official image. `buildFrom` is that binary when the
 * image is the scratch one.
 */
export function chooseDefaultImage(opts: { pinsFile?: string; env?: NodeJS.ProcessEnv } = {}): { image: string; buildFrom?: string } {
  const tool = findGoTool('prometheus', opts);
  if (!tool) throw new InfraError('prometheus is not pinned in clusters/tools/go-tools.pins');
  if (tool.from === 'cache') return { image: scratchPrometheusImage(tool.pin), buildFrom: tool.path };
  return { image: officialPrometheusImage(tool.pin) };
}

/** The Dockerfile of the scratch image: the static binary alone, run as the official image runs it. */
export const SCRATCH_DOCKERFILE = 'FROM scratch\nCOPY prometheus /bin/prometheus\nENTRYPOINT ["/bin/prometheus"]\n';

/**
 * Makes sure `image` is on the engine: when it is missing and `buildFrom` is given, builds it
 * from that static binary (cached by tag: a second call is a no-op); else pulls it. Returns
 * whether it built.
 */
export async function ensurePrometheusImage(client: ContainerRuntimeClient, image: string, buildFrom?: string): Promise<boolean> {
  const { GenericContainer, ImageName } = await import('testcontainers');
  if (await client.image.exists(ImageName.fromString(image))) return false;
  if (!buildFrom) {
    // Pulled here rather than at container start, so a missing image is told apart from a container that fails.
    await client.image.pull(ImageName.fromString(image)).catch((err: unknown) => {
      throw missingImageError(image, err);
    });
    return false;
  }
  const context = await mkdtemp(join(tmpdir(), 'firedrill-prometheus-image-'));
  try {
    await copyFile(buildFrom, join(context, 'prometheus'));
    await writeFile(join(context, 'Dockerfile'), SCRATCH_DOCKERFILE);
    await GenericContainer.fromDockerfile(context).build(image, { deleteOnExit: false });
    return true;
  } catch (err) {
    const message = (err as Error).message;
    // FROM scratch needs no registry: a registry lookup here is testcontainers pulling its reaper.
    const hint = /registry|pull|ryuk/i.test(message)
      ? 'testcontainers pulls its reaper (Ryuk) first: without a registry, set TESTCONTAINERS_RYUK_DISABLED=true (firedrill removes its containers itself)'
      : `it must be a static Prometheus (${GO_TOOLS_SCRIPT} prometheus builds one); or give an image with --prometheus-image`;
    throw new InfraError(`cannot build ${image} from ${buildFrom}: ${message}`, { hint, cause: err });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

export function missingImageError(image: string, err: unknown): InfraError {
  return new InfraError(`the image ${image} is not on the Docker engine and could not be pulled: ${(err as Error)?.message ?? String(err)}`, {
    hint: `without a registry, build the pinned static Prometheus (${GO_TOOLS_SCRIPT} prometheus) and leave out --prometheus-image: firedrill builds an image FROM scratch from it; or docker load/pull ${image} where a registry is reachable`,
    cause: err,
  });
}
