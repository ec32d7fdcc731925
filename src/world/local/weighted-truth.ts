import { TruthRecorder, type RequestOutcome, type TruthBucket } from '../truth.ts';

/**
 * Ground truth under a compressed clock. At time scale N a virtual second lasts 1/N real second
 * and so holds 1/N of the scenario's requests (the load is not compressed: capacity and latency
 * must stay real). Each real request therefore stands for N requests of the drill, so counts,
 * shares and error budget read on the same scale as a sim run of the same scenario.
 */
export class WeightedTruth {
  private readonly recorder: TruthRecorder;

  constructor(slowMs: number, readonly weight: number, commitOf: (slot: 'stable' | 'canary') => string) {
    this.recorder = new TruthRecorder(slowMs, commitOf);
  }

  record(o: RequestOutcome): void {
    for (let i = 0; i < this.weight; i++) this.recorder.record(o);
  }

  takeBefore(before: number): TruthBucket[] {
    return this.recorder.takeBefore(before);
  }
}
