import type { IncidentView } from './incident-view.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { BudgetMeter } from '../budget.ts';
import { runTool, type ToolCall } from './run-tool.ts';
import { TOOLS } from './tool-table.ts';

/**
 * The toolbox's tools over MCP (streamable HTTP, stateless: a server and transport per request,
 * as the SDK recommends without sessions), so any MCP-capable agent can be drilled as it is.
 * Calls go through the same runTool as HTTP: same validation, same budget.
 */
export async function handleMcpRequest(
  req: IncomingMessage, res: ServerResponse, ctx: { view: IncidentView; meter: BudgetMeter; report: (c: ToolCall) => void },
): Promise<void> {
  const server = new McpServer({ name: 'firedrill-toolbox', version: '1.0.0' });
  for (const tool of TOOLS) {
    server.registerTool(tool.name, { description: tool.description, inputSchema: tool.input.shape }, async (args: Record<string, unknown>) => {
      const { status, body } = await runTool(tool, args, { ...ctx, via: 'mcp' });
      return { content: [{ type: 'text' as const, text: JSON.stringify(body) }], ...(status >= 400 ? { isError: true } : {}) };
    });
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}
