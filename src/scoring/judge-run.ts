import type { Scorecard } from './scorecard.ts';

/**
 * The run's verdict from its parts. A bad deploy passes when the testbed was healthy before,
 * the stack noticed, and users got back within SLO; a good deploy (the control) passes when
 * nothing was paged or rolled back.
 */
export function judgeRun(s: Omit<Scorecard, 'verdict' | 'reasons'>): Pick<Scorecard, 'verdict' | 'reasons'> {
  const reasons: string[] = [];
  if (!s.steadyState.before) reasons.push('steady state before the deploy was not met: the testbed was unhealthy before the drill');
  let pass: boolean;
  if (s.bad) {
    pass = s.steadyState.before && s.detection !== null && s.fdrtMs !== null;
    reasons.push(s.detection ? `detected by ${s.detection.by} (${s.detection.signal})` : 'not detected');
    reasons.push(s.fdrtMs !== null ? 'recovered' : `not recovered: ${s.fdrtNote}`);
  } else {
    pass = s.steadyState.before && s.rollback === null && s.pages === 0;
    if (s.rollback) reasons.push(`false rollback by ${s.rollback.by}`);
    if (s.pages > 0) reasons.push(`false page (${s.pages})`);
    if (!s.rollback && s.pages === 0) reasons.push('good deploy: no page, no rollback');
  }
  return { verdict: pass ? 'pass' : 'fail', reasons };
}
