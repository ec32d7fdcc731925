import { AgentFailure } from '../../agent.ts';

/** The slice of the OpenAI chat-completions API the agent loop speaks (any compatible server). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: ToolCallRequest[];
  tool_call_id?: string;
}

export interface ToolCallRequest {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatTool {
  type: 'function';
  function: { name: string; description: string; parameters: unknown };
}

export interface ChatReply {
  message: ChatMessage;
  tokens: number;
}

/** One POST /chat/completions; errors are AgentFailures (unreachable endpoint, HTTP errors, garbage). */
export async function requestCompletion(opts: {
  baseUrl: string; apiKey?: string; model: string; messages: ChatMessage[]; tools: ChatTool[]; temperature?: number; signal: AbortSignal;
}): Promise<ChatReply> {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
      body: JSON.stringify({ model: opts.model, messages: opts.messages, tools: opts.tools, tool_choice: 'auto', ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}) }),
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal.aborted) throw new AgentFailure('timeout', 'the model call was cut off');
    throw new AgentFailure('unreachable', `cannot reach the model at ${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new AgentFailure('unreachable', `the model at ${url} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  let body: { choices?: { message?: ChatMessage }[]; usage?: { total_tokens?: number } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new AgentFailure('invalid-answer', `the model at ${url} answered non-JSON: ${text.slice(0, 200)}`);
  }
  const message = body.choices?.[0]?.message;
  if (!message) throw new AgentFailure('invalid-answer', `the model at ${url} answered no choices[0].message`);
  return { message: { ...message, content: message.content ?? null }, tokens: body.usage?.total_tokens ?? 0 };
}
