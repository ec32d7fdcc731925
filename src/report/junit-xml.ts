import type { SuiteResult } from '../suite/index.ts';
import { formatPercent, formatTime } from './format.ts';
import { describeFailure, listSuiteCells } from './suite-cells.ts';

/**
 * JUnit XML (the Ant/Surefire shape CI systems read, valid against the Jenkins xUnit junit-10.xsd):
 * one testcase per scenario x stack, failing with one <failure> per expectation that failed there,
 * its message naming the expectation; an expectation that failed as a whole (it covers no run) is
 * a testcase of its own. No times: they would be wall-clock, and the file stays deterministic.
 */
export function renderJunitXml(suite: SuiteResult): string {
  const cells = listSuiteCells(suite);
  const cases = cells.map((c) => {
    const failures = c.failures.map(({ expectation, group }) => {
      const text = describeFailure(expectation, group);
      return `      <failure type="expectation" message="${escapeXml(text)}">${escapeXml(`${text}\n${expectation.id} failed ${expectation.per === 'cell' ? 'in this cell' : `over its ${expectation.per}`}`)}</failure>`;
    });
    const runs = c.runs.map((r) => {
      const s = r.scorecard;
      const scores = s.bad ? `TTD ${formatTime(s.detection?.ttdMs)}, FDRT ${formatTime(s.fdrtMs)}` : `rollback ${s.rollback ? 'yes (false)' : 'no'}, pages ${s.pages}`;
      return `seed ${r.seed}: ${s.verdict}; ${scores}; ${formatPercent(s.blastRadius.share, 2)} bad requests; files ${r.dir}`;
    });
    return [
      `    <testcase classname="${escapeXml(`${suite.name}.${c.scenario}`)}" name="${escapeXml(`${c.scenario} × ${c.stack}`)}">`,
      ...failures,
      `      <system-out>${escapeXml(runs.join('\n'))}</system-out>`,
      '    </testcase>',
    ].join('\n');
  });
  for (const e of suite.expectations.filter((x) => !x.pass && x.groups.length === 0)) {
    cases.push([
      `    <testcase classname="${escapeXml(`${suite.name}.expectations`)}" name="${escapeXml(e.id)}">`,
      `      <failure type="expectation" message="${escapeXml(`${e.id} — ${e.note ?? 'failed'}`)}"/>`,
      '    </testcase>',
    ].join('\n'));
  }
  if (suite.runs.length < suite.planned) {
    cases.push([
      `    <testcase classname="${escapeXml(`${suite.name}.suite`)}" name="every planned run finished">`,
      `      <failure type="incomplete" message="${suite.runs.length} of ${suite.planned} planned runs finished"/>`,
      '    </testcase>',
    ].join('\n'));
  }
  const failures = cases.filter((c) => c.includes('<failure')).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="firedrill" ${counts}>`,
    `  <testsuite name="${escapeXml(suite.name)}" ${counts} skipped="0">`,
    '    <properties>',
    `      <property name="backend" value="${escapeXml(suite.backend)}"/>`,
    `      <property name="verdict" value="${suite.verdict}"/>`,
    `      <property name="runs" value="${suite.runs.length}"/>`,
    ...suite.maturity.map((m) => `      <property name="${escapeXml(`maturity.${m.stack}`)}" value="${escapeXml(`${m.reached}; DORA ${m.dora.tier}`)}"/>`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Text for an XML attribute or element; characters XML 1.0 cannot hold at all are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/\n/g, '&#10;');
}
