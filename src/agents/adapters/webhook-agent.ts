import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentFailure, type Agent } from '../agent.ts';
import type { IncidentBundle } from '../protocol/incident-bundle.ts';
import { MAX_ANSWER_BYTES, parseAnswerText } from './parse-answer.ts';

export interface WebhookOptions {
  /** `firedrill` (the bundle as is) or `argo-notifications` (the bundle inside what an Argo Notifications webhook template sends). */
  shape?: 'firedrill' | 'argo-notifications';
  /** The answer comes later, POSTed to `callbackUrl` (given in the payload); the webhook's own response is ignored. */
  callback?: boolean;
  headers?: Record<string, string>;
}

/**
 * `webhook:<url>`: the bundle is POSTed to the URL, the way Argo Notifications or an incident
 * tool like Aurora receives events. The answer is the response body, or with `callback: true`
 * a later POST to a one-time URL firedrill serves on 127.0.0.1 for this incident.
 */
export function createWebhookAgent(url: string, options: WebhookOptions = {}): Agent {
  const id = `webhook:${url}`;
  return {
    id,
    async run(bundle: IncidentBundle, ctx) {
      const callback = options.callback ? await openCallback(ctx.signal) : undefined;
      try {
        const payload = wrap(bundle, options.shape ?? 'firedrill', callback?.url);
        let res: Response;
        try {
          res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(payload), signal: ctx.signal });
        } catch (err) {
          if (ctx.signal.aborted) throw new AgentFailure('timeout', `${id} was cut off`);
          throw new AgentFailure('unreachable', `cannot POST to ${url}: ${(err as Error).message}`);
        }
        const text = await res.text();
        if (!res.ok) throw new AgentFailure('crashed', `${id} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
        return callback ? parseAnswerText(await callback.answer, `${id} (callback)`) : parseAnswerText(text, id);
      } finally {
        await callback?.close();
      }
    },
  };
}

/** What Argo Rollouts' notification webhook would carry for an aborted rollout, with the bundle beside it. */
function wrap(bundle: IncidentBundle, shape: 'firedrill' | 'argo-notifications', callbackUrl?: string): unknown {
  const extra = callbackUrl ? { callbackUrl } : {};
  if (shape === 'firedrill') return { ...bundle, ...extra };
  return {
    trigger: bundle.detection.kind === 'rollout-aborted' ? 'on-rollout-aborted' : bundle.detection.kind === 'rollout-paused' ? 'on-rollout-paused' : 'on-alert',
    message: bundle.detection.summary,
    rollout: bundle.rollout ? { metadata: { name: bundle.rollout.name }, status: { phase: bundle.rollout.phase, abort: bundle.rollout.aborted, message: bundle.rollout.message ?? '' } } : undefined,
    firedrill: bundle,
    ...extra,
  };
}

/** A one-time callback endpoint on 127.0.0.1: resolves with the first POSTed body. */
async function openCallback(signal: AbortSignal): Promise<{ url: string; answer: Promise<string>; close(): Promise<void> }> {
  const path = `/answer/${randomBytes(16).toString('hex')}`;
  let deliver!: (text: string) => void;
  let fail!: (err: Error) => void;
  const answer = new Promise<string>((resolve, reject) => {
    deliver = resolve;
    fail = reject;
  });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_ANSWER_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      res.writeHead(202).end();
      deliver(Buffer.concat(chunks).toString('utf8'));
    });
  });
  const onAbort = (): void => fail(new AgentFailure('timeout', 'no callback before the agent was cut off'));
  signal.addEventListener('abort', onAbort, { once: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  answer.catch(() => {});
  return {
    url: `http://127.0.0.1:${port}${path}`,
    answer,
    close: () => new Promise<void>((resolve) => {
      signal.removeEventListener('abort', onAbort);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
