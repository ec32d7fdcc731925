import { rm } from 'node:fs/promises';
import { untrackDir } from './cleanup-registry.ts';

/**
 * Everything a local world started, stopped in reverse order exactly once, whether the run
 * ended, failed or was interrupted. A step that fails does not keep the others from running.
 */
export class LocalResources {
  private readonly stoppers: { what: string; stop: () => Promise<void> | void }[] = [];
  private stopping: Promise<void> | undefined;

  add(what: string, stop: () => Promise<void> | void): void {
    this.stoppers.push({ what, stop });
  }

  addTempDir(dir: string): void {
    this.add(`temp dir ${dir}`, async () => {
      await rm(dir, { recursive: true, force: true });
      untrackDir(dir);
    });
  }

  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  stopAll(): Promise<void> {
    this.stopping ??= this.run();
    return this.stopping;
  }

  private async run(): Promise<void> {
    for (const { stop } of this.stoppers.reverse()) {
      try {
        await stop();
      } catch {
        // Keep going: the remaining processes, ports and dirs must still be released.
      }
    }
  }
}
