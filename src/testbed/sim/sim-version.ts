import type { ServiceCode } from '../service-code.ts';
import type { MetricsRecorder, VersionInstruments } from './metrics-recorder.ts';
import type { WorkerPool } from '../core/worker-pool.ts';
import type { Interference } from '../core/interference.ts';

/** One version (stable or canary) of a service in the sim: its code, its capacity, its replicas. */
export interface SimVersion {
  service: string;
  label: string;
  code: ServiceCode;
  pool: WorkerPool;
  replicas: number;
  metrics: MetricsRecorder;
  instruments: VersionInstruments;
  /** Trouble from outside the code acting on it now (a noisy neighbour). */
  interference?: Interference;
}
