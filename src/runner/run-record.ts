import type { Scenario } from '../scenario/scenario.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import type { TruthBucket } from '../world/truth.ts';
import type { WorldInfo } from '../world/world.ts';

/**
 * Everything a run produced that scoring needs, and nothing the stack reported about itself:
 * the scenario's ground truth, the timeline, and the world's per-second user outcomes.
 * Serializable, so a run can be re-scored later from its files.
 */
export interface RunRecord {
  schema: 'firedrill.run/v1';
  scenario: {
    name: string;
    description: string;
    slo: Scenario['slo'];
    load: { rate: number };
    baselineMs: number;
    durationMs: number;
    deploy: { service: string; message: string };
    truth: Scenario['truth'];
  };
  /** scrapeIntervalMs: when the world's series were scraped (from 0, every interval), for the TTD split. */
  stack: { name: string; level: string; scrapeIntervalMs: number; agent?: string };
  backend: string;
  /** Wall-clock backends only: time scale, metrics server, load driver. */
  world?: WorldInfo;
  seed: number;
  /** How the agent answered when not live: `record` (answered live and stored), `replay` (answered from a recording). */
  agentMode?: 'record' | 'replay';
  workspace: { v1: string; v2: string; diff: string };
  /** L3+: the PR the agent's fix became (Markdown as a reviewer sees it). */
  fix?: { branch: string; commit: string; pr: string; github?: { number: number; url: string } };
  /** L4: the sealed, hash-chained audit log (JSONL); its head hash is in the timeline. */
  audit?: string;
  timeline: TimelineEvent[];
  truth: TruthBucket[];
}
