import { FiredrillError, UserInputError } from '../../util/index.ts';
import type { PosRange } from './syntax-tree.ts';

/** A query that does not parse or type-check. The message ends with `(line:col)` like Prometheus's. */
export class PromqlParseError extends UserInputError {
  readonly query: string;
  readonly pos: PosRange;
  /** The bare problem, without the position suffix (what Prometheus prints after "parse error:"). */
  readonly detail: string;
  constructor(query: string, pos: PosRange, detail: string, hint?: string) {
    super(`parse error at ${formatPosition(query, pos.start)}: ${detail}`, {
      hint: hint ?? `in query: ${query}\n${' '.repeat(Math.max(0, columnOf(query, pos.start) - 1) + 10)}^`,
    });
    this.query = query;
    this.pos = pos;
    this.detail = detail;
  }
}

/**
 * A query that parsed but failed while evaluating (duplicate series after a join, a NaN topk
 * parameter, too many samples ...). Its message is Prometheus's own message, so callers that
 * compare with a real server see the same words.
 */
export class PromqlEvalError extends FiredrillError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: 2 });
  }
}

/** line:column of a character offset, both 1-based (Prometheus counts columns in characters). */
export function formatPosition(query: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < query.length; i++) {
    if (query[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

function columnOf(query: string, offset: number): number {
  const lineStart = query.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart + 1;
}
