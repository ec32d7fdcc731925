import { FiredrillError, type InfraError } from '../../util/errors.ts';
import type { LocalResources } from './local-resources.ts';
import type { LocalWorld } from './local-world.ts';

/**
 * What can end a local world while it starts or runs: a process that dies (the failure goes to
 * the world once it exists, else it fails the start-up) and the run's stop signal (everything
 * started is stopped at once).
 */
export class StartupGuard {
  private world: LocalWorld | undefined;
  private failure: InfraError | undefined;
  private readonly onAbort = (): void => void (this.world ? this.world.stop() : this.resources.stopAll());

  constructor(private readonly resources: LocalResources, private readonly signal: AbortSignal | undefined) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
    resources.add('abort listener', () => signal?.removeEventListener('abort', this.onAbort));
  }

  readonly onFailure = (err: InfraError): void => {
    if (this.world) this.world.fail(err);
    else this.failure ??= err;
  };

  /** Throws if a process died or the run was stopped since the last step. */
  check(): void {
    if (this.failure) throw this.failure;
    if (this.signal?.aborted) throw interrupted();
  }

  attach(world: LocalWorld): void {
    this.world = world;
  }

  /** The error to report for a start-up that threw `err`: stopping mid-start makes steps fail, so an interruption is the cause. */
  causeOf(err: unknown): unknown {
    return this.signal?.aborted ? interrupted(err) : err;
  }
}

function interrupted(cause?: unknown): FiredrillError {
  return new FiredrillError('interrupted while the local world was starting', { exitCode: 3, cause });
}
