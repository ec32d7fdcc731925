import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A STAND-IN for a chat model: a scripted OpenAI-compatible chat-completions server on 127.0.0.1,
 * for tests only. It is not a model: each reply is the next turn of a script (the turn number is
 * the number of assistant messages the request already holds, so it needs no session). It speaks
 * what firedrill's openai adapter and LiteLLM (HolmesGPT) send: tools, tool_calls, usage, and
 * `stream: true` as server-sent events.
 */
export type Turn =
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[] }
  | { content: string }
  | { hang: true }
  | { httpStatus: number; body: string };

export type Script = (turn: number, request: ChatRequest) => Turn;

export interface ChatRequest {
  model: string;
  messages: { role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { function: { name: string } }[];
  stream?: boolean;
}

export interface StandInModel {
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

const TOKENS_PER_TURN = { prompt_tokens: 900, completion_tokens: 100, total_tokens: 1000 };

export async function startStandInModel(script: Script): Promise<StandInModel> {
  const requests: ChatRequest[] = [];
  const hung = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end(JSON.stringify({ error: { message: `no ${req.url}` } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    requests.push(body);
    const turn = script(body.messages.filter((m) => m.role === 'assistant').length, body);
    if ('hang' in turn) {
      hung.add(res);
      return;
    }
    if ('httpStatus' in turn) {
      res.writeHead(turn.httpStatus, { 'content-type': 'application/json' }).end(turn.body);
      return;
    }
    const id = `chatcmpl-standin-${requests.length}`;
    const toolCalls = 'toolCalls' in turn
      ? turn.toolCalls.map((c, i) => ({ id: `call_${requests.length}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }))
      : undefined;
    const message = { role: 'assistant', content: 'content' in turn ? turn.content : null, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
    const finish = toolCalls ? 'tool_calls' : 'stop';
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (delta: unknown, finishReason: string | null, usage?: unknown): void => {
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...(usage ? { usage } : {}) })}\n\n`);
      };
      send({ role: 'assistant', content: message.content ?? '' }, null);
      if (toolCalls) send({ tool_calls: toolCalls.map((c, index) => ({ index, ...c })) }, null);
      send({}, finish, TOKENS_PER_TURN);
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      id, object: 'chat.completion', created: 0, model: body.model,
      choices: [{ index: 0, message, finish_reason: finish }],
      usage: TOKENS_PER_TURN,
    }));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Scripts the tests use. */
export const SCRIPTS = {
  /** Looks at the diff and the topology, then answers `answer`. */
  correct: (answer: unknown): Script => (turn) =>
    turn === 0 ? { toolCalls: [{ name: 'get_diff', arguments: {} }, { name: 'get_topology', arguments: {} }] } : { content: JSON.stringify(answer) },
  /** Never answers. */
  hang: (): Script => () => ({ hang: true }),
  /** Calls a tool for ever. */
  loop: (): Script => () => ({ toolCalls: [{ name: 'get_events', arguments: {} }] }),
  /** Answers prose, then broken JSON after the repair request. */
  garbage: (): Script => (turn) => ({ content: turn === 0 ? 'I think checkout is broken, probably.' : '{"diagnosis": {"service": ' }),
  /** Answers wrong, then right after the repair round. */
  repaired: (answer: unknown): Script => (turn) => ({ content: turn === 0 ? '{"diagnosis": {"service": "checkout"}}' : JSON.stringify(answer) }),
  /** A 5 MB answer. */
  huge: (): Script => () => ({ content: `{"diagnosis": {"summary": "${'x'.repeat(5 * 1024 * 1024)}"}}` }),
} as const;
