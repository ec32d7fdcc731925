import type { HttpAnswer } from '../../../testbed/process/http-json.ts';
import { SERVED_HEADER } from '../../../testbed/process/messages.ts';
import type { CanaryTrace } from '../../local/http-load-generator.ts';

/**
 * Ground truth on kind, read from the answer itself: the pods a request went through name
 * themselves `service@commit` in x-firedrill-served, so the load generator on the host knows
 * which commit of the deployed service served it without seeing into the cluster. A commit other
 * than the stable slot's is the canary's; no mention (the request failed before reaching the
 * service, or the answer never came) counts as stable, as on local.
 */
export class ServedHeaderTrace implements CanaryTrace {
  constructor(private readonly service: string, private readonly stableCommit: () => string) {}

  take(_requestId: string, answer: HttpAnswer): string | undefined {
    const header = answer.headers?.[SERVED_HEADER];
    if (typeof header !== 'string') return undefined;
    const prefix = `${this.service}@`;
    const served = header.split(',').filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
    if (!served.length) return undefined;
    // Retries may reach both: any canary hop makes it the canary's request (the sim's trace keeps the last; a header has no order across retries).
    return served.some((c) => c !== this.stableCommit()) ? 'canary' : 'stable';
  }
}
