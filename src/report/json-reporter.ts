import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../suite/index.ts';
import type { Reporter } from './reporter.ts';

export const SUITE_JSON = 'suite.json';

/**
 * suite.json: the SuiteResult as it is (schema firedrill.suite/v1, scenarios/schema/
 * suite-result.schema.json). What `compare` and `baseline save` read; byte-identical for the
 * same seeds on sim.
 */
export class JsonReporter implements Reporter {
  async onSuiteEnd(suite: SuiteResult, dir: string): Promise<void> {
    await writeFile(join(dir, SUITE_JSON), renderSuiteJson(suite));
  }
}

export function renderSuiteJson(suite: SuiteResult): string {
  return `${JSON.stringify(suite, null, 2)}\n`;
}
