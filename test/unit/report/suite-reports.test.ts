import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleReporter, renderJunitXml, renderSuiteHtml, renderSuiteMarkdown } from '../../../src/report/index.ts';
import { flattenExpectations } from '../../../src/scenario/suite-expectation.ts';
import { buildSuiteResult } from '../../../src/suite/index.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { BAD_SCENARIO, GOOD_SCENARIO, makeRun, makeScorecard, STACKS } from '../../helpers/scorecards.ts';

const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'fd-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suite = buildSuiteResult({
  name: 'nightly',
  description: 'test suite',
  backend: 'sim',
  planned: 6,
  scenarios: [BAD_SCENARIO, GOOD_SCENARIO],
  stacks: STACKS,
  expectations: flattenExpectations([{ per: 'cell', expect: { fdrt: 'p90 < 5m', falseRollback: 'count == 0' } }]),
  runs: [
    makeRun('error-spike', 'l0', 1, makeScorecard({ fdrtMs: 40 * MIN, rollback: 'human' })),
    makeRun('error-spike', 'l0', 2, makeScorecard({ fdrtMs: 55 * MIN, rollback: 'human' })),
    makeRun('error-spike', 'l1', 1, makeScorecard()),
    makeRun('error-spike', 'l1', 2, makeScorecard()),
    makeRun('good-deploy', 'l1', 1, makeScorecard({ bad: false })),
    makeRun('good-deploy', 'l1', 2, makeScorecard({ bad: false })),
  ],
});
const FAILED = 'fdrt: p90 < 5m';

describe('a failed expectation is named in every report', () => {
  it('fails the suite', () => {
    expect(suite.verdict).toBe('fail');
    expect(suite.expectations.find((e) => e.id === FAILED)!.pass).toBe(false);
  });

  it('console: the expectation, the cell, the observed value and the seeds to look at', () => {
    let out = '';
    new ConsoleReporter((t) => (out += t), ['report.html']).onSuiteEnd(suite, '/r');
    expect(out).toContain(`✘ ${FAILED}\n      ${FAILED} — error-spike × l0: p90 = 53m30s (2 runs); look at seed 1, seed 2`);
    expect(out).toContain('✔ falseRollback: count == 0');
    expect(out).toContain('FAIL: 1 of 2 expectation(s) failed');
    expect(out).toMatch(/l1\s+L1\s+L1\s+elite/);
    expect(out).toContain('reports  /r/report.html');
  });

  it('Markdown: the verdict, the expectation row with where it failed, maturity and the grid', () => {
    const md = renderSuiteMarkdown(suite);
    expect(md).toMatch(/^# firedrill suite `nightly`: ✘ FAIL \(1 of 2 expectations failed\)/);
    expect(md).toContain(`| ✘ | \`${FAILED}\` | error-spike × l0: p90 = 53m30s (2 runs); look at seed 1, seed 2 |`);
    expect(md).toContain('| l0 | L0 | **L0** | low (FDRT elite, CFR low)');
    expect(md).toContain('| error-spike (code-defect) | ✘ 2/2 · FDRT 47m30s');
    expect(md.length).toBeLessThan(65_536);
  });

  it('JUnit: a testcase per scenario x stack; the failing one carries the expectation', () => {
    const xml = renderJunitXml(suite);
    expect(xml).toContain('<testsuite name="nightly" tests="3" failures="1" errors="0" skipped="0">');
    expect(xml).toMatch(/<testcase classname="nightly.error-spike" name="error-spike × l0">\n {6}<failure type="expectation" message="fdrt: p90 &lt; 5m — error-spike × l0: p90 = 53m30s/);
    expect(xml).toMatch(/<testcase classname="nightly.error-spike" name="error-spike × l1">\n {6}<system-out>/);
  });

  it('JUnit: valid against the Jenkins xUnit junit-10.xsd (xmllint)', (ctx) => {
    const xmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).stdout.trim();
    if (!xmllint) {
      ctx.skip('xmllint is not installed (Debian: libxml2-utils; .ci/run installs it)');
      return;
    }
    const file = join(dir, 'junit.xml');
    writeFileSync(file, renderJunitXml(suite));
    const res = spawnSync(xmllint, ['--noout', '--schema', join(REPO_ROOT, 'test/fixtures/junit/junit-10.xsd'), file], { encoding: 'utf8' });
    expect(res.stderr).toContain('validates');
    expect(res.status).toBe(0);
    // The check can fail: a testsuite without its required counts does not validate.
    writeFileSync(file, renderJunitXml(suite).replace(/ failures="\d+" errors="0" skipped/, ' skipped'));
    expect(spawnSync(xmllint, ['--noout', '--schema', join(REPO_ROOT, 'test/fixtures/junit/junit-10.xsd'), file]).status).not.toBe(0);
  });

  it('HTML: the failed expectation, the ladder and the heat map as inline SVG, no script', async () => {
    const html = await renderSuiteHtml(suite, dir);
    expect(html).toContain(`<code>${FAILED.replace('<', '&lt;')}</code>`);
    expect(html).toContain('<figure id="maturity-ladder"><svg');
    expect(html).toContain('<figure id="heat-map"><svg');
    expect(html).toMatch(/<details open class="fail"><summary>error-spike × l0, seed 2 \(pass\) — expectation failed/);
    expect(html).toContain("No chart: the run's files could not be read");
    expect(html).not.toMatch(/<script/i);
  });
});
