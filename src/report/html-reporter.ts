import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteResult } from '../suite/index.ts';
import type { Reporter } from './reporter.ts';
import { renderSuiteHtml } from './suite-html.ts';

/** report.html: one self-contained file with the suite's text and charts (SVG, no script). */
export class HtmlReporter implements Reporter {
  static readonly file = 'report.html';
  async onSuiteEnd(suite: SuiteResult, dir: string): Promise<void> {
    await writeFile(join(dir, HtmlReporter.file), await renderSuiteHtml(suite, dir));
  }
}
