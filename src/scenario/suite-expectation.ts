import type { ExpectationBlock } from './expectations-schema.ts';
import { parseExpectation, type Expectation } from './parse-expectation.ts';

/** One expectation of a suite, with the runs it covers and what its statistic is taken over. */
export interface SuiteExpectation extends Expectation {
  /** `fdrt: p90 < 5m`, with the block's name or filters when it has any: the name reports use. */
  id: string;
  per: ExpectationBlock['per'];
  where: { scenarios?: string[]; stacks?: string[]; levels?: string[] };
}

/** The blocks of a suite file as a flat list, in file order. Conditions were checked by the schema. */
export function flattenExpectations(blocks: readonly ExpectationBlock[]): SuiteExpectation[] {
  const out: SuiteExpectation[] = [];
  for (const block of blocks) {
    const where = {
      ...(block.scenarios ? { scenarios: block.scenarios } : {}),
      ...(block.stacks ? { stacks: block.stacks } : {}),
      ...(block.levels ? { levels: block.levels } : {}),
    };
    for (const [metric, value] of Object.entries(block.expect)) {
      for (const condition of Array.isArray(value) ? value : [value]) {
        const parsed = parseExpectation(metric, condition);
        if (!parsed.ok) throw new Error(`internal: unchecked expectation ${metric}: ${condition}`);
        out.push({ ...parsed.value, id: describeExpectation(parsed.value, block), per: block.per, where });
      }
    }
  }
  return out;
}

/** The default when a suite states none: every run passes its own verdict. */
export const EVERY_RUN_PASSES: ExpectationBlock = { per: 'cell', expect: { pass: 'rate == 1' } };

function describeExpectation(e: Expectation, block: ExpectationBlock): string {
  const scope = [
    block.name,
    block.levels && `levels ${block.levels.join(', ')}`,
    block.stacks && `stacks ${block.stacks.join(', ')}`,
    block.scenarios && `scenarios ${block.scenarios.join(', ')}`,
    block.per !== 'cell' && `per ${block.per}`,
  ].filter(Boolean);
  return `${e.metric}: ${e.condition}${scope.length ? ` [${scope.join('; ')}]` : ''}`;
}
