import type { ChangeBlock } from './change-blocks.ts';
import type { BlockRule, Measured } from './rule-types.ts';
import { measureLogLevel } from './service-config-rules.ts';

/**
 * Rules for code files, block by block. Only what can be told from the lines for certain is
 * measured: a log call dropped whole, or its level changed with nothing else on the line.
 * Every other changed line is code (the fallback rule).
 */
const LOG_CALL = /^\s*ctx\.log\(\s*(['"])(\w+)\1\s*,(.*)\);?\s*$/;

export const CODE_RULES: BlockRule[] = [
  {
    id: 'code-log-removed',
    kind: 'block',
    files: 'code',
    classes: ['log-suppression'],
    matches: 'a block that only deletes whole one-line `ctx.log(...)` calls',
    why: 'dropping a log line changes nothing but what is written; a call spanning lines, or anything added, is code',
    measure: (b) => (b.added.length === 0 && b.removed.every(isWholeLogCall) ? [{ class: 'log-suppression', detail: `${b.removed.length} ctx.log call(s) removed at line ${b.oldBefore + 1}` }] : undefined),
  },
  {
    id: 'code-log-level',
    kind: 'block',
    files: 'code',
    classes: ['log-suppression', 'log-level'],
    matches: 'a block that only changes the level of one-line `ctx.log(...)` calls, the rest of each line unchanged',
    why: 'a call moved to a lower level (error -> debug) drops under the threshold (suppression); one moved up adds volume',
    measure: measureLevelBlock,
  },
];

function isWholeLogCall(line: string): boolean {
  const m = LOG_CALL.exec(line);
  return m !== null && isInert(m[3]);
}

function measureLevelBlock(b: ChangeBlock): Measured[] | undefined {
  if (b.removed.length === 0 || b.removed.length !== b.added.length) return undefined;
  const found: Measured[] = [];
  for (const [i, before] of b.removed.entries()) {
    const x = LOG_CALL.exec(before);
    const y = LOG_CALL.exec(b.added[i]);
    if (!x || !y || x[3] !== y[3] || !isInert(y[3]) || x[2] === y[2]) return undefined;
    found.push(measureLogLevel(`ctx.log level at line ${b.oldBefore + i + 1}`, x[2], y[2], 'lower'));
  }
  return found.every((m) => m.class !== 'config-change') ? found : undefined;
}

/**
 * Whether a log call's arguments only read values: brackets balanced outside strings, and no
 * call, assignment, increment, template substitution or second statement that dropping the line
 * (or keeping it) would hide.
 */
function isInert(args: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      else if (quote === '`' && c === '$' && args[i + 1] === '{') return false;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '=' || c === ';') return false;
    else if ((c === '+' || c === '-') && args[i + 1] === c) return false;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth < 0) return false;
  }
  return depth === 0 && quote === undefined && !/\b(await|yield|new|delete)\b/.test(args);
}
