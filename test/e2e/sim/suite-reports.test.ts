import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../../src/suite/index.ts';
import { findChromium, openPage } from '../../helpers/chromium-page.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';
import { decodePng, inkShare } from '../../helpers/png.ts';
import { runCli } from '../../helpers/run-cli.ts';

/**
 * A small suite through the real CLI (error-spike and the good control on l1, seeds 1-2), with an
 * expectation that cannot hold (`fdrt: p90 < 1m`, where an L1 abort takes about 2.5 minutes):
 * exit 1, the expectation named in every report, every file written and valid, --resume, and
 * the HTML report in headless Chromium.
 */
const root = mkdtempSync(join(tmpdir(), 'firedrill-suite-'));
const out = join(root, 'out');
const FAILING = 'fdrt: p90 < 1m';
let run: ReturnType<typeof runCli>;

beforeAll(() => {
  writeFileSync(join(root, 'suite.yaml'), `apiVersion: firedrill.dev/v1
kind: Suite
metadata: { name: gate, description: An L1 gate with one expectation that cannot hold }
spec:
  runs:
    - { scenarios: [error-spike, good-deploy], stacks: [l1], seed: 1, repeat: 2 }
  expectations:
    - expect:
        detected: rate == 1
        fdrt: p90 < 1m
        falseRollback: count == 0
`);
  run = runCli(['run', join(root, 'suite.yaml'), '--out', out]);
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a suite run through the CLI', () => {
  it('exits 1 on a failed expectation and names it on the console', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✘ ${FAILING}\n      ${FAILING} — error-spike × l1: p90 = `);
    expect(run.stdout).toContain('✔ detected: rate == 1');
    expect(run.stdout).toContain('FAIL: 1 of 3 expectation(s) failed');
  });

  it('writes every report file and each run\'s folder', () => {
    const files = readdirSync(out).sort();
    expect(files).toEqual(['error-spike-l1-sim-s1', 'error-spike-l1-sim-s2', 'good-deploy-l1-sim-s1', 'good-deploy-l1-sim-s2', 'junit.xml', 'report.html', 'report.md', 'runs.jsonl', 'suite.json']);
    for (const dir of files.filter((f) => f.endsWith('-s1') || f.endsWith('-s2'))) {
      expect(readdirSync(join(out, dir)).sort()).toEqual(['result.json', 'summary.html', 'summary.md', 'timeline.jsonl', 'truth.jsonl']);
    }
  });

  it('names the failed expectation in Markdown, JUnit and HTML', () => {
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(new RegExp(`\\| ✘ \\| \`${FAILING}\` \\| error-spike × l1: p90 = \\S+ \\(2 runs\\)`));
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testcase classname="gate.error-spike" name="error-spike × l1">\n\s+<failure type="expectation" message="fdrt: p90 &lt; 1m — error-spike × l1: p90 = /);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<code>fdrt: p90 &lt; 1m</code>');
  });

  it('writes suite.json and result.json as their JSON Schemas say', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const schema = (name: string): object => JSON.parse(readFileSync(join(REPO_ROOT, 'scenarios/schema', name), 'utf8'));
    const suite = JSON.parse(readFileSync(join(out, 'suite.json'), 'utf8'));
    const validSuite = ajv.compile(schema('suite-result.schema.json'));
    expect(validSuite(suite), JSON.stringify(validSuite.errors)).toBe(true);
    expect(suite.runs.map((r: { scenario: string; seed: number }) => `${r.scenario}/${r.seed}`)).toEqual(['error-spike/1', 'error-spike/2', 'good-deploy/1', 'good-deploy/2']);
    const validRun = ajv.compile(schema('run-result.schema.json'));
    const result = JSON.parse(readFileSync(join(out, 'error-spike-l1-sim-s1', 'result.json'), 'utf8'));
    expect(validRun(result), JSON.stringify(validRun.errors)).toBe(true);
    expect(result.scenario.truth).toMatchObject({ bad: true, service: 'checkout' });
    // The schemas reject what they should: a suite.json of another version does not validate.
    expect(validSuite({ ...suite, schema: 'firedrill.suite/v0' })).toBe(false);
  });

  it('junit.xml validates against the JUnit XSD', (ctx) => {
    const xmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).stdout.trim();
    if (!xmllint) return ctx.skip('xmllint is not installed (Debian: libxml2-utils; .ci/run installs it)');
    const res = spawnSync(xmllint, ['--noout', '--schema', join(REPO_ROOT, 'test/fixtures/junit/junit-10.xsd'), join(out, 'junit.xml')], { encoding: 'utf8' });
    expect(res.stderr.trim()).toBe(`${join(out, 'junit.xml')} validates`);
  });

  it('resumes a stopped suite: only the missing run runs again, and the result is byte-identical', () => {
    const before = readFileSync(join(out, 'suite.json'), 'utf8');
    const journal = readFileSync(join(out, JOURNAL_FILE), 'utf8').trimEnd().split('\n');
    // As if stopped during the last run: its journal line was never written.
    writeFileSync(join(out, JOURNAL_FILE), `${journal.slice(0, -1).join('\n')}\n`);
    rmSync(join(out, 'suite.json'));
    const again = runCli(['run', join(root, 'suite.yaml'), '--out', out, '--resume', '--reporter', 'console,json']);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stdout).toContain('suite gate: 4 runs on sim (3 finished before, 1 to run)');
    expect(again.stdout.match(/✔ \S+ × l1 seed \d/g)).toHaveLength(1);
    expect(readFileSync(join(out, 'suite.json'), 'utf8')).toBe(before);
    const refused = runCli(['run', join(root, 'suite.yaml'), '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds a suite's runs[\s\S]*--resume/);
  }, 120_000);
});

const CHROMIUM = findChromium();

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!CHROMIUM)(`renders its charts with no console error${CHROMIUM ? '' : ' [skipped: no chromium on PATH; .ci/run installs Debian\'s chromium]'}`, async () => {
    const page = await openPage(CHROMIUM!, pathToFileURL(join(out, 'report.html')).href);
    try {
      // As a reader would: open every run's section (the failing ones are open already).
      await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
      const charts = await page.evaluate<{ id: string; cls: string; box: { x: number; y: number; width: number; height: number }; lines: number; drawnLines: number; rules: number; rects: number; texts: number }[]>(`
        [...document.querySelectorAll('figure')].map((f) => {
          const svg = f.querySelector('svg');
          const r = svg.getBoundingClientRect();
          const drawn = [...svg.querySelectorAll('g.mark-line.role-mark path')].filter((p) => p.getAttribute('d') && p.getBBox().width > 100);
          return {
            id: f.id, cls: f.className,
            box: { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height },
            lines: svg.querySelectorAll('g.mark-line.role-mark path').length, drawnLines: drawn.length,
            rules: svg.querySelectorAll('g.mark-rule.role-mark line').length,
            rects: svg.querySelectorAll('g.mark-rect.role-mark path').length,
            texts: svg.querySelectorAll('g.mark-text.role-mark text').length,
          };
        })`);
      const ladder = charts.find((c) => c.id === 'maturity-ladder')!;
      const heat = charts.find((c) => c.id === 'heat-map')!;
      const runs = charts.filter((c) => c.cls === 'run-chart');
      expect(ladder.rects).toBeGreaterThanOrEqual(3); // the level bar, the FDRT bar, the blast-radius bar
      expect(ladder.texts).toBeGreaterThanOrEqual(3);
      expect(heat.rects).toBe(2); // error-spike × l1, good-deploy × l1
      expect(heat.texts).toBe(4);
      expect(runs).toHaveLength(2);
      for (const r of runs) expect(r.drawnLines).toBe(3); // error ratio, p99 latency, traffic: each laid out across the panel
      // Markers in each of the 3 panels: the bad deploy's deploy, detection, abort, recovery; the control's deploy.
      expect(runs.map((r) => r.rules)).toEqual([12, 3]);
      const png = await page.screenshot();
      writeFileSync(join(root, 'report.png'), png);
      const img = decodePng(png);
      expect(img.width).toBeGreaterThan(1000);
      for (const c of [ladder, heat, ...runs]) expect(inkShare(img, c.box), c.id || c.cls).toBeGreaterThan(0.02);
      expect(page.errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

it('leaves no per-run summary outside the runs (sanity of the layout)', () => {
  expect(existsSync(join(out, 'summary.md'))).toBe(false);
});
