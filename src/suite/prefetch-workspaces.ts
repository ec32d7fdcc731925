import { rm } from 'node:fs/promises';
import { workspaceSourceOf } from '../runner/execute-run.ts';
import { layOutWorkspace, type WorkspaceLayout } from '../testbed/workspace.ts';
import type { RunTask } from './run-task.ts';

/**
 * The repositories of a pool's next runs, made ahead in the suite's own thread while the workers
 * run. Making one is mostly waiting for git (~170 ms a run, a tenth of a maturity-suite worker's
 * time, its core idle meanwhile); the suite's thread is otherwise idle, so a worker that finishes
 * a run starts the next at once. The same inputs as a run that makes its own (workspaceSourceOf),
 * so the same commits and diffs.
 */
export class WorkspacePrefetch {
  private readonly made: (Promise<WorkspaceLayout> | undefined)[];

  constructor(
    private readonly tasks: readonly RunTask[],
    /** How many runs past the one starting get their workspace made ahead. */
    private readonly ahead: number,
  ) {
    this.made = tasks.map(() => undefined);
  }

  /** Task `i` with its workspace (made now unless it was made ahead); starts the next ones. */
  async taskOf(i: number): Promise<RunTask> {
    const layout = this.start(i);
    for (let k = i + 1; k <= i + this.ahead && k < this.tasks.length; k++) this.start(k);
    return { ...this.tasks[i], workspace: await layout };
  }

  /**
   * Removes every workspace made here: those no run received (the suite stopped first) and,
   * should a worker have died mid-run, the one it held. A run removes its own when it ends, so
   * for the rest this finds nothing. Call it once the pool's workers are done.
   */
  async dispose(): Promise<void> {
    await Promise.all(
      this.made.map(async (made) => {
        const layout = await made?.catch(() => undefined);
        if (layout) await rm(layout.root, { recursive: true, force: true });
      }),
    );
  }

  private start(i: number): Promise<WorkspaceLayout> {
    let made = this.made[i];
    if (!made) {
      const { scenario, stack } = this.tasks[i].run;
      made = workspaceSourceOf(scenario, stack).then(layOutWorkspace);
      // Its failure (a change that does not apply) is the run's, reported when the run starts;
      // one made ahead for a run that never starts must not surface as an unhandled rejection.
      made.catch(() => undefined);
      this.made[i] = made;
    }
    return made;
  }
}
