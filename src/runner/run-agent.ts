import { AgentFailure, type Agent, type AgentOutcome, type KubeAccess } from '../agents/agent.ts';
import type { BudgetMeter } from '../agents/budget.ts';
import { agentAnswerSchema } from '../agents/protocol/agent-answer.ts';
import type { IncidentBundle } from '../agents/protocol/incident-bundle.ts';

/**
 * Runs an agent on a bundle and always settles with an outcome, never an exception: a crash,
 * a hang past `timeoutMs`, a budget passed, or an answer that fails the schema is a scored
 * failure, and the run goes on. The agent is told to stop (its signal aborts) the moment it is
 * cut off; the harness does not wait for an agent that ignores it.
 */
export async function runAgent(agent: Agent, bundle: IncidentBundle, opts: {
  meter: BudgetMeter; timeoutMs: number; note: (message: string, data?: Record<string, unknown>) => void;
  /** Where the run is, passed on to the agent (see AgentRunContext). */
  backend: string; kube?: KubeAccess;
}): Promise<AgentOutcome> {
  const { meter } = opts;
  const started = performance.now();
  const limitMs = Math.min(opts.timeoutMs, meter.limits.wallMs ?? Infinity);
  const timer = setTimeout(() => meter.cutOff(limitMs === opts.timeoutMs ? `timed out after ${Math.round(limitMs / 1000)}s` : `wall-time budget exceeded (${Math.round(limitMs / 1000)}s)`), limitMs);
  const cutOff = new Promise<never>((_, reject) => {
    const fail = (): void => reject(new AgentFailure(/timed out/.test(meter.exceeded ?? '') ? 'timeout' : 'budget-exceeded', meter.exceeded ?? 'cut off'));
    if (meter.signal.aborted) fail();
    else meter.signal.addEventListener('abort', fail, { once: true });
  });
  const spent = (): Pick<AgentOutcome, 'toolCalls' | 'tokens' | 'wallMs'> => ({
    toolCalls: meter.toolCalls,
    ...(meter.tokens > 0 ? { tokens: meter.tokens } : {}),
    wallMs: performance.now() - started,
  });
  try {
    const raw = await Promise.race([
      agent.run(bundle, { signal: meter.signal, reportTokens: (n) => meter.chargeTokens(n), note: opts.note, backend: opts.backend, ...(opts.kube ? { kube: opts.kube } : {}) }),
      cutOff,
    ]);
    // An answer that arrived in the same tick as the cut-off still counts as over budget.
    if (meter.exceeded) throw new AgentFailure('budget-exceeded', meter.exceeded);
    const parsed = agentAnswerSchema.safeParse(raw);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ');
      return { failure: { kind: 'invalid-answer', message: `the answer does not match firedrill.agent-answer/v1: ${why}` }, ...spent() };
    }
    return { answer: parsed.data, ...spent() };
  } catch (err) {
    const failure = err instanceof AgentFailure ? { kind: err.kind, message: err.message } : { kind: 'crashed' as const, message: (err as Error)?.message ?? String(err) };
    return { failure, ...spent() };
  } finally {
    clearTimeout(timer);
    cutOff.catch(() => {});
    // Whatever happened, the agent is done: anything it still runs is told to stop.
    meter.finish();
  }
}
