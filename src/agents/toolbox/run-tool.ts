import type { BudgetMeter } from '../budget.ts';
import type { IncidentView } from './incident-view.ts';
import { ToolNotFound, ToolUnavailable, type ToolDef } from './tool-def.ts';

/** One call an agent made, for the journal and the recorder. */
export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
  via: 'http' | 'mcp';
  ok: boolean;
  status: number;
  error?: string;
  /** The answer (tools only; the recorder keeps it, the journal does not). */
  result?: unknown;
}

/**
 * Runs one tool call the same way for HTTP and MCP: charge the budget, validate the arguments,
 * run, map failures to a status (400 bad arguments, 404 nothing there, 429 budget spent, 501 not
 * on this backend).
 */
export async function runTool(
  tool: ToolDef, rawArgs: Record<string, unknown>,
  ctx: { view: IncidentView; meter: BudgetMeter; via: ToolCall['via']; report: (c: ToolCall) => void },
): Promise<{ status: number; body: unknown }> {
  const done = (status: number, body: unknown, error?: string): { status: number; body: unknown } => {
    ctx.report({ tool: tool.name, args: rawArgs, via: ctx.via, ok: status < 400, status, ...(error ? { error } : { result: body }) });
    return { status, body };
  };
  if (!ctx.meter.chargeToolCall()) return done(429, { error: ctx.meter.exceeded }, ctx.meter.exceeded);
  const parsed = tool.input.safeParse(rawArgs);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
    return done(400, { error: `${tool.name}: ${why}` }, why);
  }
  try {
    return done(200, await tool.run(ctx.view, parsed.data as Record<string, unknown>));
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof ToolNotFound) return done(404, { error: message }, message);
    if (err instanceof ToolUnavailable) return done(501, { error: message, available: false, backend: err.backend, instead: err.instead }, message);
    if (err instanceof RangeError || (err as { exitCode?: number }).exitCode === 2) return done(400, { error: message }, message);
    return done(500, { error: message }, message);
  }
}
