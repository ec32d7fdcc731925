import type { LogTail } from './log-tail.ts';

/** One started Prometheus, whichever way it runs (a host process or a container). */
export interface PrometheusInstance {
  /** Its stdout and stderr together, to explain a failure. */
  readonly tail: LogTail;
  /** For the timeline: the host process's pid, or the container's id. */
  readonly pid?: number;
  readonly containerId?: string;
  /** True once it has exited (or failed to start at all). */
  hasExited(): boolean;
  /** Why it could not be started at all (e.g. the binary cannot be executed), if so. */
  startError(): Error | undefined;
  /** `why`: a signal, an exit code, or what the container engine said. */
  onExit(listener: (why: string) => void): void;
  /** Asks it to exit (SIGTERM lets Prometheus close its TSDB); forces it after a grace period. */
  stop(): Promise<void>;
  /** Ends it at once: a start that failed. */
  kill(): Promise<void>;
}

/** How Prometheus is run: `describe` names it in errors, `launch` starts it with the given flags. */
export interface PrometheusLauncher {
  readonly describe: string;
  /** Called once before the first launch (a version check, an image build). */
  prepare(): Promise<void>;
  launch(args: string[]): Promise<PrometheusInstance>;
  /** What version answered, once it is ready at `baseUrl`. */
  readVersion(baseUrl: string): Promise<string>;
  /** Shown with a start failure. */
  readonly hint: string;
}
