import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FIELD_MANAGER, KubeApiError, PATCH_CONTENT_TYPES, type KubeApi, type KubePatch, type WatchChange, type WatchHandle } from './kube-api.ts';
import { describeRef, findResource, formatApiVersion, formatCollectionPath, formatObjectPath, type KubeObject, type KubeRef, type KubeResource } from './kube-object.ts';

/** TLS material and headers for one request (client-node's `applyToHTTPSOptions` fills them from the kubeconfig). */
export type AuthorizeRequest = (opts: RequestOptions) => Promise<void>;

interface Call {
  method: 'GET' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
}

/**
 * KubeApi over plain HTTP(S) requests: objects stay the JSON the server sent (client-node's typed
 * serializers would turn timestamps into Dates and drop fields of kinds they do not know), and the
 * patch content types are exactly the kubectl plugin's.
 */
export class HttpKubeApi implements KubeApi {
  constructor(
    private readonly server: string,
    readonly defaultNamespace: string,
    private readonly authorize: AuthorizeRequest,
  ) {}

  async apply(obj: KubeObject): Promise<KubeObject> {
    const ref: KubeRef = { resource: findResource(obj), namespace: obj.metadata.namespace, name: obj.metadata.name };
    // Server-side apply takes YAML or JSON; JSON is YAML.
    return this.call({ method: 'PATCH', path: formatObjectPath(ref), query: { fieldManager: FIELD_MANAGER, force: 'true' }, body: obj, contentType: 'application/apply-patch+yaml' }, describeRef(ref));
  }

  async get(ref: KubeRef): Promise<KubeObject | undefined> {
    try {
      return await this.call({ method: 'GET', path: formatObjectPath(ref) }, describeRef(ref));
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  async list(resource: KubeResource, namespace?: string, labelSelector?: string): Promise<KubeObject[]> {
    const list = (await this.call({ method: 'GET', path: formatCollectionPath(resource, namespace), query: labelSelector ? { labelSelector } : undefined }, resource.plural)) as unknown as { items?: KubeObject[] };
    // A list's items carry no apiVersion/kind; put them back so every object is self-describing.
    return (list.items ?? []).map((o) => ({ ...o, apiVersion: o.apiVersion ?? formatApiVersion(resource), kind: o.kind ?? resource.kind }));
  }

  async patch(ref: KubeRef, patch: KubePatch): Promise<KubeObject> {
    return this.call({ method: 'PATCH', path: formatObjectPath(ref, patch.subresource), body: patch.body, contentType: PATCH_CONTENT_TYPES[patch.type] }, describeRef(ref));
  }

  async delete(ref: KubeRef): Promise<void> {
    await this.call({ method: 'DELETE', path: formatObjectPath(ref) }, describeRef(ref));
  }

  async watch(resource: KubeResource, namespace: string | undefined, onChange: (c: WatchChange) => void, onEnd: (err?: unknown) => void): Promise<WatchHandle> {
    const res = await this.open({ method: 'GET', path: formatCollectionPath(resource, namespace), query: { watch: 'true' } });
    if ((res.statusCode ?? 0) >= 300) throw await toApiError(res, `watch ${resource.plural}`);
    let buffer = '';
    let ended = false;
    const end = (err?: unknown): void => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        const event = JSON.parse(line) as { type: string; object: KubeObject };
        if (event.type === 'ERROR') {
          const status = event.object as unknown as { code?: number; message?: string };
          end(new KubeApiError(`watch ${resource.plural}: ${status.message ?? 'error'}`, status.code ?? 500));
          res.destroy();
          return;
        }
        if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') onChange({ type: event.type, object: event.object });
      }
    });
    res.on('end', () => end());
    res.on('error', (err) => end(err));
    return { stop: () => { ended = true; res.destroy(); } };
  }

  private async call(c: Call, what: string): Promise<KubeObject> {
    const res = await this.open(c);
    if ((res.statusCode ?? 0) >= 300) throw await toApiError(res, `${c.method} ${what}`);
    return JSON.parse(await readBody(res)) as KubeObject;
  }

  private async open(c: Call): Promise<IncomingMessage> {
    const url = new URL(this.server.replace(/\/$/, '') + c.path);
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const body = c.body === undefined ? undefined : JSON.stringify(c.body);
    const opts: RequestOptions = {
      method: c.method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': c.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) }) },
    };
    try {
      await this.authorize(opts);
    } catch (err) {
      // client-node refuses, e.g., plain http:// without insecure-skip-tls-verify, or a failing exec plugin.
      throw new KubeApiError(`cannot use the kubeconfig for ${this.server}: ${(err as Error).message}`, 0, { cause: err, hint: 'check the kubeconfig\'s cluster and user entries' });
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, opts, resolve);
      req.on('error', (err) => reject(new KubeApiError(`cannot reach the Kubernetes API at ${this.server}: ${err.message}`, 0, { cause: err, hint: 'is the cluster up? (firedrill cluster status)' })));
      req.end(body);
    });
  }
}

async function readBody(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of res) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function toApiError(res: IncomingMessage, what: string): Promise<KubeApiError> {
  const text = await readBody(res);
  let message = text.trim();
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch {
    // Not a Status object (a proxy's page): keep the text.
  }
  return new KubeApiError(`${what}: ${res.statusCode} ${message}`.trim(), res.statusCode ?? 0);
}
