import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetMeter } from '../../../src/agents/budget.ts';
import { startToolbox, type Toolbox, type ToolCall } from '../../../src/agents/toolbox/toolbox-server.ts';
import { incidentViewOfRun } from '../../../src/runner/incident/incident-view-of-run.ts';
import { readTopology } from '../../../src/runner/incident/read-topology.ts';
import { loadScenario } from '../../../src/scenario/load-scenario.ts';
import { loadStack } from '../../../src/scenario/load-stack.ts';
import { materializeWorkspace, type Workspace } from '../../../src/testbed/workspace.ts';
import { Timeline } from '../../../src/timeline/timeline.ts';
import { createRng } from '../../../src/util/rng.ts';
import { createSimWorld } from '../../../src/world/sim/create-sim-world.ts';
import type { SimWorld } from '../../../src/world/sim/sim-world.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

describe('the agents toolbox over a live sim run', () => {
  let ws: Workspace;
  let world: SimWorld;
  let timeline: Timeline;
  let view: ReturnType<typeof incidentViewOfRun>;
  beforeAll(async () => {
    const scenario = await loadScenario(join(REPO_ROOT, 'scenarios/error-spike.yaml'));
    const stack = await loadStack(join(REPO_ROOT, 'scenarios/stacks/l1.yaml'));
    ws = await materializeWorkspace({ templateDir: scenario.testbedDir, changes: scenario.deploy.changes, message: scenario.deploy.message, author: scenario.deploy.author });
    timeline = new Timeline();
    world = await createSimWorld({ scenario, stack, workspace: ws, seed: 1, rng: createRng(1), timeline });
    await world.advanceTo(300_000);
    await world.startCanary(20, ws.v2);
    await world.advanceTo(420_000);
    const topology = await readTopology(ws.stableDir, scenario.services, scenario.entryService);
    view = incidentViewOfRun({ world, timeline, topology, diff: ws.diff });
  });
  afterAll(async () => {
    await world.stop();
    await ws.remove();
  });

  async function withToolbox(limit: number | undefined, body: (tb: Toolbox, calls: ToolCall[], meter: BudgetMeter) => Promise<void>): Promise<void> {
    const meter = new BudgetMeter(limit === undefined ? {} : { toolCalls: limit });
    const calls: ToolCall[] = [];
    const tb = await startToolbox({ view, meter, onCall: (c) => calls.push(c) });
    try {
      await body(tb, calls, meter);
    } finally {
      await tb.stop();
    }
  }

  const get = async (tb: Toolbox, path: string, token = tb.token): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${tb.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  };

  it('answers the HTTP tools and the Prometheus API, behind the token', async () => {
    await withToolbox(undefined, async (tb, calls) => {
      expect((await get(tb, '/tools/topology', 'wrong')).status).toBe(401);
      const topo = await get(tb, '/tools/topology');
      expect(topo.body.entry).toBe('frontend');
      expect(topo.body.services.find((s: any) => s.name === 'checkout').dependencies[0].service).toBe('payments');
      const logs = await get(tb, '/tools/logs?service=checkout&version=canary&grep=reduced&limit=5');
      expect(logs.body.lines).toHaveLength(5);
      expect(logs.body.lines[0].message).toMatch(/reading 'reduced'/);
      const diff = await get(tb, '/tools/diff');
      expect(diff.body.files.map((f: any) => f.path)).toContain('services/checkout/tax.js');
      const file = await get(tb, `/tools/file?commit=${ws.v2.slice(0, 12)}&path=services/checkout/tax.js`);
      expect(file.body.content).toContain('CATEGORY_RATES');
      expect((await get(tb, `/tools/file?commit=${ws.v1.slice(0, 12)}&path=services/checkout/tax.js`)).body.content).not.toContain('CATEGORY_RATES');
      expect((await get(tb, `/tools/file?commit=${ws.v1}&path=../../etc/passwd`)).status).toBe(400);
      expect((await get(tb, `/tools/file?commit=${ws.v1}&path=nope.js`)).status).toBe(404);
      expect((await get(tb, `/tools/files?commit=${ws.v2}&under=services/checkout`)).body.files).toContain('services/checkout/tax.js');
      const q = encodeURIComponent('sum(rate(http_requests_total{service="checkout",version="canary",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="checkout",version="canary"}[1m]))');
      const prom = await get(tb, `/api/v1/query?query=${q}&time=420`);
      expect(Number(prom.body.data.result[0].value[1])).toBeGreaterThan(0.2);
      const tool = await get(tb, `/tools/query?query=${q}&at=420000`);
      expect(tool.body.result[0].value[1]).toBe(prom.body.data.result[0].value[1]);
      expect((await get(tb, '/tools/logs?limit=5000')).status).toBe(400);
      expect((await get(tb, '/tools/rollout')).status).toBe(404);
      expect(calls.map((c) => c.tool)).toEqual([
        'get_topology', 'get_logs', 'get_diff', 'get_file', 'get_file', 'get_file', 'get_file', 'list_files', 'prometheus /api/v1/query', 'query_metrics', 'get_logs', 'get_rollout',
      ]);
      expect(calls.filter((c) => !c.ok).map((c) => c.status)).toEqual([400, 404, 400, 404]);
    });
  });

  it('answers the cluster tools on sim with a structured "not available" (501) that names the tools to use instead', async () => {
    await withToolbox(undefined, async (tb, calls) => {
      for (const path of ['/tools/kube/get?kind=rollout', '/tools/kube/describe?kind=pod&name=x', '/tools/kube/events', '/tools/kube/rollout', '/tools/kube/logs?service=checkout']) {
        const { status, body } = await get(tb, path);
        expect(status, path).toBe(501);
        expect(body).toMatchObject({ available: false, backend: 'sim', instead: ['get_rollout', 'get_events', 'get_logs', 'get_topology'] });
        expect(body.error).toMatch(/not available on the sim backend/);
      }
      // Arguments are checked first, as everywhere: a bad one is a 400 whatever the backend.
      expect((await get(tb, '/tools/kube/get')).status).toBe(400);
      expect(calls.map((c) => c.status)).toEqual([501, 501, 501, 501, 501, 400]);
    });
  });

  it('serves the same tools over MCP, to the SDK client, on the same budget', async () => {
    await withToolbox(3, async (tb, calls, meter) => {
      const client = new Client({ name: 'drill-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(tb.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${tb.token}` } } }));
      try {
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual([
          'argo_rollouts_get', 'get_diff', 'get_events', 'get_file', 'get_logs', 'get_rollout', 'get_topology', 'kube_describe', 'kube_events', 'kube_get', 'kube_logs',
          'list_files', 'query_metrics', 'query_metrics_range',
        ]);
        const topo = await client.callTool({ name: 'get_topology', arguments: {} });
        expect(JSON.parse((topo.content as { text: string }[])[0].text).entry).toBe('frontend');
        const logs = await client.callTool({ name: 'get_logs', arguments: { service: 'checkout', limit: 2 } });
        expect(JSON.parse((logs.content as { text: string }[])[0].text).lines).toHaveLength(2);
        // Third call over HTTP, the fourth (over MCP) is past the budget of 3.
        expect((await get(tb, '/tools/diff')).status).toBe(200);
        const over = await client.callTool({ name: 'get_diff', arguments: {} });
        expect(over.isError).toBe(true);
        expect(meter.exceeded).toMatch(/tool-call budget exceeded/);
        expect(meter.signal.aborted).toBe(true);
        expect(calls.map((c) => `${c.via}:${c.tool}:${c.status}`)).toEqual(['mcp:get_topology:200', 'mcp:get_logs:200', 'http:get_diff:200', 'mcp:get_diff:429']);
      } finally {
        await client.close();
      }
    });
  });
});
