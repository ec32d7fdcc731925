import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A STAND-IN for a Kubernetes API server, for unit tests only: an in-memory object store on
 * 127.0.0.1 that answers the requests firedrill's KubeApi sends (GET, list, merge and JSON patches,
 * server-side apply, DELETE, watch) and records each one, so a test can check the exact paths,
 * content types and bodies. It does none of what a real server does beyond storage: no
 * validation, defaulting, admission or controllers. Tests against a real API server are wip-j's
 * control plane and test/e2e/kind.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  authorization?: string;
  body?: unknown;
}

type Obj = { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown }; [k: string]: unknown };

export interface FakeKubeServer {
  url: string;
  requests: RecordedRequest[];
  /** Puts an object at a collection path (`/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts`) and tells watchers. */
  put(collection: string, obj: Obj): void;
  get(collection: string, name: string): Obj | undefined;
  /** false: `/status` answers 404, like Argo before v0.10 (no status subresource). */
  statusSubresource: boolean;
  /** Ends every open watch, as an API server does after its watch timeout. */
  endWatches(): void;
  close(): Promise<void>;
}

/** TLS as a real API server does it: a server certificate, and client certificates checked against a CA. */
export interface FakeTls {
  cert: string;
  key: string;
  ca: string;
}

export async function startFakeKubeServer(tls?: FakeTls): Promise<FakeKubeServer> {
  const store = new Map<string, Map<string, Obj>>();
  const watchers = new Map<string, Set<ServerResponse>>();
  let rv = 1;
  const fake: FakeKubeServer = {
    url: '',
    requests: [],
    statusSubresource: true,
    put(collection, obj) {
      const stored = structuredClone(obj);
      stored.metadata.resourceVersion = String(rv++);
      const items = store.get(collection) ?? new Map<string, Obj>();
      const type = items.has(obj.metadata.name) ? 'MODIFIED' : 'ADDED';
      items.set(obj.metadata.name, stored);
      store.set(collection, items);
      for (const w of watchers.get(collection) ?? []) w.write(`${JSON.stringify({ type, object: stored })}\n`);
    },
    get: (collection, name) => structuredClone(store.get(collection)?.get(name)),
    endWatches() {
      for (const set of watchers.values()) for (const w of set) w.end();
    },
    close: () => new Promise((resolve) => {
      for (const set of watchers.values()) for (const w of set) w.end();
      server.close(() => resolve());
    }),
  };
  const server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => void handle(req, res))
    : createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const text = await readText(req);
    const body = text ? JSON.parse(text) : undefined;
    fake.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'], authorization: req.headers.authorization, body });
    const { collection, name, sub } = splitPath(url.pathname);
    const send = (code: number, obj: unknown): void => void res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(obj));
    const notFound = (): void => send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${name ?? collection} not found` });
    if (req.method === 'GET' && !name && url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      // A real API server answers a watch at once, before any event.
      res.flushHeaders();
      for (const o of store.get(collection)?.values() ?? []) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
      const set = watchers.get(collection) ?? new Set();
      set.add(res);
      watchers.set(collection, set);
      req.on('close', () => set.delete(res));
      return;
    }
    if (req.method === 'GET' && !name) {
      const selector = url.searchParams.get('labelSelector');
      const items = [...(store.get(collection)?.values() ?? [])].filter((o) => matches(o, selector));
      return send(200, { kind: 'List', apiVersion: 'v1', items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) });
    }
    const current = name ? fake.get(collection, name) : undefined;
    if (req.method === 'GET') return current ? send(200, current) : notFound();
    if (req.method === 'DELETE') {
      if (!current) return notFound();
      store.get(collection)!.delete(name!);
      return send(200, { kind: 'Status', status: 'Success' });
    }
    if (req.method === 'PATCH') {
      if (sub === 'status' && !fake.statusSubresource) return notFound();
      const type = req.headers['content-type'];
      if (type === 'application/apply-patch+yaml') {
        fake.put(collection, { ...(current ?? {}), ...body, metadata: { ...(current?.metadata ?? {}), ...body.metadata } });
        return send(200, fake.get(collection, name!));
      }
      if (!current) return notFound();
      const next = type === 'application/json-patch+json' ? applyJsonPatch(current, body) : mergePatch(current, body);
      fake.put(collection, next as Obj);
      return send(200, fake.get(collection, name!));
    }
    send(405, { message: 'method not allowed' });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function splitPath(path: string): { collection: string; name?: string; sub?: string } {
  const parts = path.split('/').filter(Boolean);
  const ns = parts.indexOf('namespaces');
  // /api/v1/namespaces/x/services/y[/status] or /apis/g/v/namespaces/x/kind/y[/status]; cluster-scoped: no namespaces segment.
  const base = ns >= 0 && parts.length >= ns + 3 ? ns + 3 : parts[0] === 'api' ? 3 : 4;
  return { collection: `/${parts.slice(0, base).join('/')}`, name: parts[base], sub: parts[base + 1] };
}

function matches(o: Obj, selector: string | null): boolean {
  if (!selector) return true;
  const labels = (o.metadata.labels ?? {}) as Record<string, string>;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return labels[k] === v;
  });
}

/** RFC 7386. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** RFC 6902, `replace` only (all the undo command sends). */
function applyJsonPatch(target: Obj, ops: { op: string; path: string; value: unknown }[]): Obj {
  const out = structuredClone(target) as Record<string, unknown>;
  for (const op of ops) {
    if (op.op !== 'replace') throw new Error(`fake server: JSON patch op ${op.op} not supported`);
    const keys = op.path.split('/').slice(1);
    let node = out;
    for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
    node[keys.at(-1)!] = op.value;
  }
  return out as Obj;
}

async function readText(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
