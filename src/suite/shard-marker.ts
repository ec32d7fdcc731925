import type { SuiteExpectation } from '../scenario/suite-expectation.ts';
import type { RunKey } from './run-key.ts';
import type { ScenarioInfo, StackInfo } from './suite-result.ts';

/**
 * What marks a shard's suite.json (`firedrill run SUITE --shard i/n`): which shard, which keys it
 * ran, and the whole plan as `firedrill merge` needs it to rebuild the one suite result (every key
 * to check that none is missing, the expectations to judge, and an id to refuse other plans').
 */
export interface ShardMarker {
  index: number;
  count: number;
  /** The keys this shard ran, in key order. */
  keys: RunKey[];
  plan: {
    /** sha256 of the whole plan's name, backend, keys, scenarios, stacks and expectations. */
    id: string;
    planned: number;
    keys: RunKey[];
    expectations: SuiteExpectation[];
  };
}

/** A sharded plan's note about the whole it came from (suite-plan.ts): the marker plus what the result lists. */
export interface PlanShard extends ShardMarker {
  scenarios: ScenarioInfo[];
  stacks: StackInfo[];
}
