import type { FileChange, ScenarioTruth } from './scenario-schema.ts';

/** A validated scenario with durations in ms and paths resolved. What the runner consumes. */
export interface Scenario {
  file: string;
  name: string;
  description: string;
  testbedDir: string;
  slo: { objective: number; latencyThresholdMs: number; windowMs: number };
  load: { rate: number; maxInFlight: number; timeoutMs: number; mix: { route: string; method: 'GET' | 'POST'; weight: number }[] };
  baselineMs: number;
  durationMs: number;
  maxDurationMs: number;
  /** Trouble from outside the deploy, in drill ms after the deploy starts. */
  interference: { service: string; startMs: number; durationMs: number; errorRatio: number; message: string }[];
  deploy: { service: string; message: string; author: string; changes: FileChange[] };
  truth: ScenarioTruth;
  /** The testbed's services, in call-chain order from the entry service. */
  services: string[];
  entryService: string;
}
