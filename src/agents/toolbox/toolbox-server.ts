import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { handlePromApiRequest } from '../../metrics/api-server/index.ts';
import { InfraError } from '../../util/errors.ts';
import type { BudgetMeter } from '../budget.ts';
import type { IncidentView } from './incident-view.ts';
import { runTool, type ToolCall } from './run-tool.ts';
import { TOOLS } from './tool-table.ts';

export type { ToolCall };

/** A running toolbox: where agents reach it, and how to stop it. */
export interface Toolbox {
  url: string;
  mcpUrl: string;
  token: string;
  tools: { name: string; description: string }[];
  stop(): Promise<void>;
}

/**
 * The agents' toolbox for one incident, on 127.0.0.1 behind a per-run bearer token: the HTTP
 * JSON tools (`/tools/...`), the run's Prometheus API (`/api/v1/...`) and the same tools over MCP
 * (`/mcp`, streamable HTTP). Every call, whatever the way in, is charged to the agent's budget
 * and reported to `onCall` (the runner journals it; the recorder keeps it).
 */
export async function startToolbox(opts: { view: IncidentView; meter: BudgetMeter; onCall?: (call: ToolCall) => void }): Promise<Toolbox> {
  const token = randomBytes(24).toString('hex');
  const report = (call: ToolCall): void => opts.onCall?.(call);
  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: `toolbox: ${(err as Error).message}` });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { error: 'missing or wrong bearer token (see toolbox.token in the incident bundle)' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/tools') return json(res, 200, { tools: TOOLS.map((t) => ({ name: t.name, path: t.path, description: t.description, input: z.toJSONSchema(t.input) })) });
    // The MCP SDK loads only when an agent speaks MCP (~130 ms of start-up every suite worker saves).
    if (url.pathname === '/mcp') return (await import('./mcp-endpoint.ts')).handleMcpRequest(req, res, { view: opts.view, meter: opts.meter, report });
    if (url.pathname.startsWith('/api/v1/')) {
      const args = Object.fromEntries(url.searchParams);
      if (!opts.meter.chargeToolCall()) {
        report({ tool: `prometheus ${url.pathname}`, args, via: 'http', ok: false, status: 429, error: opts.meter.exceeded });
        return json(res, 429, { status: 'error', errorType: 'budget', error: opts.meter.exceeded });
      }
      await handlePromApiRequest({ source: opts.view.metrics, clock: opts.view.clock }, req, res);
      report({ tool: `prometheus ${url.pathname}`, args, via: 'http', ok: res.statusCode < 400, status: res.statusCode });
      return;
    }
    const tool = TOOLS.find((t) => t.path === url.pathname);
    if (!tool) return json(res, 404, { error: `no tool at ${url.pathname}; GET /tools lists them` });
    const outcome = await runTool(tool, Object.fromEntries(url.searchParams), { view: opts.view, meter: opts.meter, via: 'http', report });
    json(res, outcome.status, outcome.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new InfraError(`cannot start the agents' toolbox: ${err.message}`, { cause: err })));
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    mcpUrl: `${url}/mcp`,
    token,
    tools: TOOLS.map((t) => ({ name: t.name, description: t.description })),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
