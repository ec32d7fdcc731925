import type { z } from 'zod';
import type { IncidentView } from './incident-view.ts';

export const MAX_LOG_LINES = 1000;
export const DEFAULT_LOG_LINES = 100;

/** Thrown by a tool for a request it cannot answer (HTTP 404). */
export class ToolNotFound extends Error {}

/**
 * Thrown by a tool this backend cannot serve (HTTP 501): the answer says so in a fixed shape
 * (`available: false`, the backend, the tools that answer instead), so an agent's prompt can stay
 * the same on every backend and branch on the answer.
 */
export class ToolUnavailable extends Error {
  constructor(readonly backend: string, message: string, readonly instead: string[]) {
    super(message);
  }
}

/**
 * One tool of the toolbox, served the same way over HTTP (`GET path?params`) and MCP (`name`
 * with JSON arguments): one table, so the two never drift. Times are drill milliseconds, as in
 * the incident bundle; the Prometheus API beside the tools takes seconds, as Prometheus does.
 */
export interface ToolDef {
  name: string;
  path: string;
  description: string;
  input: z.ZodObject;
  run(view: IncidentView, input: Record<string, unknown>): Promise<unknown>;
}
