import { AgentFailure } from '../agent.ts';

/** Largest answer accepted from any adapter: room for a patch past the fix guard's own cap (which then names it), not a dump. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * An agent's raw answer text as JSON. Anything else is a scored failure with the parser's
 * message (the harness validates the shape afterwards): not JSON, empty, or over the size cap.
 * A JSON object inside Markdown fences or after prose is taken, as chat models write it.
 */
export function parseAnswerText(text: string, from: string): unknown {
  if (Buffer.byteLength(text) > MAX_ANSWER_BYTES) {
    throw new AgentFailure('invalid-answer', `${from} answered ${Buffer.byteLength(text)} bytes, over the ${MAX_ANSWER_BYTES}-byte cap`);
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new AgentFailure('invalid-answer', `${from} answered nothing (an agent-answer JSON object was expected)`);
  try {
    return JSON.parse(trimmed);
  } catch (first) {
    const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(trimmed)?.[1] ?? extractLastObject(trimmed);
    if (fenced !== undefined) {
      try {
        return JSON.parse(fenced);
      } catch {
        // fall through to the first error: it names the real problem
      }
    }
    throw new AgentFailure('invalid-answer', `${from} answered something that is not JSON: ${(first as Error).message} (starts with ${JSON.stringify(trimmed.slice(0, 80))})`);
  }
}

/** The last balanced {...} in a text (an answer after the model's prose). */
function extractLastObject(text: string): string | undefined {
  const end = text.lastIndexOf('}');
  if (end < 0) return undefined;
  let depth = 0;
  for (let i = end; i >= 0; i--) {
    if (text[i] === '}') depth++;
    else if (text[i] === '{' && --depth === 0) return text.slice(i, end + 1);
  }
  return undefined;
}
