import { z } from 'zod';
import type { QueryResult } from '../../metrics/metric-source.ts';
import { toPrometheusData } from '../../metrics/prometheus-json.ts';
import { parseUnifiedDiff, pathOf } from '../../util/unified-diff.ts';
import { redactObject } from './bound-output.ts';
import { CLUSTER_TOOLS } from './cluster-tools.ts';
import { DEFAULT_LOG_LINES, MAX_LOG_LINES, ToolNotFound, type ToolDef } from './tool-def.ts';

export { ToolNotFound, ToolUnavailable, type ToolDef } from './tool-def.ts';

/** A file larger than this comes back cut, with a note (an agent cannot blow the harness's memory). */
const MAX_FILE_BYTES = 256 * 1024;

const drillMs = z.coerce.number().int().min(0);

export const TOOLS: readonly ToolDef[] = [
  {
    name: 'query_metrics',
    path: '/tools/query',
    description: "Instant PromQL query over the run's metrics (http_requests_total, http_request_duration_seconds_bucket, dependency_requests_total, dependency_retries_total, service_busy_workers, service_workers, service_queue_depth; labels service, version=stable|canary, route, code, target, outcome). `at`: drill ms, default now.",
    input: z.object({ query: z.string().min(1), at: drillMs.optional() }).strict(),
    run: async (view, i) => toPrometheusData(await view.metrics.instant(String(i.query), (i.at as number | undefined) ?? view.clock.now())),
  },
  {
    name: 'query_metrics_range',
    path: '/tools/query_range',
    description: 'Range PromQL query: start, end and step in drill ms.',
    input: z.object({ query: z.string().min(1), start: drillMs, end: drillMs, step: z.coerce.number().int().min(1000) }).strict(),
    run: async (view, i) => {
      const start = i.start as number;
      const end = i.end as number;
      const step = i.step as number;
      if (end < start) throw new RangeError('end is before start');
      if ((end - start) / step > 11_000) throw new RangeError('more than 11,000 points: use a larger step');
      const r: QueryResult = await view.metrics.range(String(i.query), start, end, step);
      return toPrometheusData(r);
    },
  },
  {
    name: 'get_logs',
    path: '/tools/logs',
    description: `Service log lines, oldest first, the newest \`limit\` (default ${DEFAULT_LOG_LINES}, max ${MAX_LOG_LINES}) that match: service, version (stable|canary), since (drill ms), grep (substring, or /regex/ on message and fields).`,
    input: z.object({
      service: z.string().optional(), version: z.string().optional(), since: drillMs.optional(), grep: z.string().max(500).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_LOG_LINES).optional(),
    }).strict(),
    run: async (view, i) => ({ lines: view.logs({ ...i, limit: (i.limit as number | undefined) ?? DEFAULT_LOG_LINES }) }),
  },
  {
    name: 'get_diff',
    path: '/tools/diff',
    description: "The deploy's change: `git diff parent commit`, and the files it touches.",
    input: z.object({}).strict(),
    run: async (view) => {
      const diff = view.diff();
      return { diff, files: parseUnifiedDiff(diff).files.map((f) => ({ path: pathOf(f), status: f.status })) };
    },
  },
  {
    name: 'get_file',
    path: '/tools/file',
    description: "A file of the run's repository at a commit (full or short id, as in the bundle).",
    input: z.object({ commit: z.string().regex(/^[0-9a-f]{4,40}$/, 'a commit id (hex)'), path: z.string().min(1).max(500) }).strict(),
    run: async (view, i) => {
      const path = String(i.path);
      if (path.startsWith('/') || path.split('/').includes('..')) throw new RangeError('path must be relative to the repository, without ..');
      const content = await view.fileAt(String(i.commit), path);
      if (content === undefined) throw new ToolNotFound(`${path} does not exist at ${String(i.commit)}`);
      const truncated = Buffer.byteLength(content) > MAX_FILE_BYTES;
      return { path, commit: i.commit, content: truncated ? content.slice(0, MAX_FILE_BYTES) : content, ...(truncated ? { truncated: true } : {}) };
    },
  },
  {
    name: 'list_files',
    path: '/tools/files',
    description: "The files of the run's repository at a commit, under an optional folder (e.g. deploy/argo).",
    input: z.object({ commit: z.string().regex(/^[0-9a-f]{4,40}$/, 'a commit id (hex)'), under: z.string().max(500).optional() }).strict(),
    run: async (view, i) => {
      const under = i.under === undefined ? '' : String(i.under).replace(/\/+$/, '');
      if (under.startsWith('/') || under.split('/').includes('..')) throw new RangeError('`under` must be relative to the repository, without ..');
      const files = await view.listFiles(String(i.commit), under);
      if (files === undefined) throw new ToolNotFound(`no commit ${String(i.commit)}`);
      return { commit: i.commit, files };
    },
  },
  {
    name: 'get_rollout',
    path: '/tools/rollout',
    description: "The Rollout and its AnalysisRuns (spec and status, measurements included), as `kubectl get rollout,analysisrun -o yaml` show them; on the cluster backend read from the API server (the real controller's AnalysisRuns).",
    input: z.object({}).strict(),
    run: async (view) => {
      const r = await view.rollout();
      if (!r) throw new ToolNotFound('this stack deploys without a Rollout');
      return redactObject(r);
    },
  },
  {
    name: 'get_events',
    path: '/tools/events',
    description: 'What an operator has seen so far: rollout, analysis, alert and page events, deploys; since: drill ms.',
    input: z.object({ since: drillMs.optional() }).strict(),
    run: async (view, i) => ({ events: view.events(i.since as number | undefined) }),
  },
  {
    name: 'get_topology',
    path: '/tools/topology',
    description: 'The services, their replicas and who calls whom (with timeouts and retries).',
    input: z.object({}).strict(),
    run: async (view) => view.topology(),
  },
  ...CLUSTER_TOOLS,
];
