import type { ServiceCode } from '../service-code.ts';
import type { MetricsRecorder, VersionInstruments } from './metrics-recorder.ts';
import type { WorkerPool } from '../core/worker-pool.ts';

/** One version (stable or canary) of a service in the sim: its code, its capacity, its replicas. */
export interface SimVersion {
  service: string;
  label: string;
  code: ServiceCode;
  pool: WorkerPool;
  replicas: number;
  metrics: MetricsRecorder;
  instruments: VersionInstruments;
}
