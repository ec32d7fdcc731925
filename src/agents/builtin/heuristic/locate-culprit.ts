import type { LogGroup } from '../../protocol/incident-bundle.ts';
import type { Culprit } from '../../protocol/agent-answer.ts';
import { pathOf, type DiffFile, type DiffLine } from '../../../util/unified-diff.ts';
import type { FaultClass } from './classify-fault.ts';
import type { ConfigChange, ServiceChange } from './summarize-change.ts';

interface AddedLine { file: DiffFile; line: DiffLine }

/**
 * Names the offending hunk by one of its added lines: for config faults the line that sets the
 * changed value; for a defect the line that mentions what the error messages name; for a
 * latency regression the definition of the cost the new code adds (following a call to where
 * it is defined); else the first line of the largest hunk.
 */
export function locateCulprit(faultClass: FaultClass, change: ServiceChange, allChanges: ServiceChange[], logs: LogGroup[]): Culprit | undefined {
  const configKey = pickConfigChange(faultClass, change.configChanges);
  if (configKey) {
    const hit = findConfigLine(change.configFiles, configKey);
    if (hit) return toCulprit(hit);
  }
  const code = added(change.codeFiles);
  const everywhere = added(allChanges.flatMap((c) => c.codeFiles));
  if (faultClass === 'code-defect' || faultClass === 'config-error') {
    const hit = bestByErrorTokens(code, errorTokens(change.service, logs));
    if (hit) return toCulprit(hit);
  }
  if (faultClass === 'latency-regression' || faultClass === 'resource-exhaustion') {
    const hit = findAddedCost(code, everywhere);
    if (hit) return toCulprit(hit);
  }
  if (faultClass === 'retry-amplification') {
    const hit = code.find((a) => /\bretries\s*:|\btimeoutMs\s*:|\bbackoffMs\s*:/.test(a.line.text));
    if (hit) return toCulprit(hit);
  }
  const largest = largestHunkStart(change.codeFiles) ?? largestHunkStart(change.configFiles);
  return largest ? toCulprit(largest) : undefined;
}

function pickConfigChange(faultClass: FaultClass, changes: ConfigChange[]): ConfigChange | undefined {
  if (faultClass === 'retry-amplification') return changes.find((c) => c.path[0] === 'dependencies');
  if (faultClass === 'resource-exhaustion') return changes.find((c) => c.path[0] === 'runtime');
  if (faultClass === 'config-error') return changes.find((c) => c.path[0] !== 'flags') ?? changes[0];
  return undefined;
}

/** The added line of a config file that sets the changed key (with its new value when it can tell). */
function findConfigLine(files: DiffFile[], c: ConfigChange): AddedLine | undefined {
  const key = c.path.at(-1)!;
  const candidates = added(files.filter((f) => pathOf(f) === c.file)).filter((a) => a.line.text.includes(`"${key}"`) || new RegExp(`\\b${escape(key)}\\s*:`).test(a.line.text));
  const value = JSON.stringify(c.after);
  return candidates.find((a) => value !== undefined && a.line.text.includes(value)) ?? candidates[0];
}

/** Identifiers an error message names: `reading 'x'`, `x is not a function`, quoted names, then plain words. */
export function errorTokens(service: string, logs: LogGroup[]): { strong: string[]; weak: string[] } {
  const stableMessages = new Set(logs.filter((g) => g.service === service && g.version === 'stable').map((g) => g.message));
  const fresh = logs.filter((g) => g.service === service && g.level === 'error' && !stableMessages.has(g.message));
  const strong = new Set<string>();
  const weak = new Set<string>();
  for (const g of fresh) {
    const m = g.message;
    for (const x of m.matchAll(/reading '([^']+)'|['"`]([A-Za-z_$][\w$]*)['"`]|([A-Za-z_$][\w$.]*) is not (?:a function|defined|iterable|a constructor)/g)) {
      strong.add((x[1] ?? x[2] ?? x[3]).split('.').at(-1)!);
    }
    for (const w of m.replace(/^unhandled error:\s*/i, '').replace(/^\w*Error:\s*/, '').matchAll(/[A-Za-z_$][\w$]{3,}/g)) weak.add(w[0]);
  }
  for (const s of strong) weak.delete(s);
  return { strong: [...strong], weak: [...weak] };
}

function bestByErrorTokens(lines: AddedLine[], tokens: { strong: string[]; weak: string[] }): AddedLine | undefined {
  let best: AddedLine | undefined;
  let bestScore = 0;
  for (const a of lines) {
    const t = a.line.text;
    if (isComment(t)) continue;
    let score = 0;
    for (const tok of tokens.strong) {
      const e = escape(tok);
      if (new RegExp(`\\.${e}\\b|\\[['"]${e}['"]\\]|\\b${e}\\s*\\(`).test(t)) score += 3;
      else if (new RegExp(`\\b${e}\\b`).test(t)) score += 1;
    }
    for (const tok of tokens.weak) if (new RegExp(`\\b${escape(tok)}\\b`).test(t)) score += 0.5;
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A latency regression is work the new code adds: an added `ctx.work(...)` (or a loop). When the
 * work's cost comes from a function, the culprit is where that function computes it.
 */
function findAddedCost(code: AddedLine[], everywhere: AddedLine[]): AddedLine | undefined {
  const work = code.find((a) => /\bctx\.work\s*\(/.test(a.line.text));
  if (work) {
    const arg = work.line.text.slice(work.line.text.indexOf('ctx.work'));
    for (const call of arg.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
      const name = call[1];
      if (name === 'work' || name === 'ctx') continue;
      const def = findDefinition(everywhere, name);
      if (def) return def;
    }
    return work;
  }
  return code.find((a) => /\b(for|while)\s*\(/.test(a.line.text) && !isComment(a.line.text));
}

/** The added line where `name` computes its value: its `return`, else its declaration. */
function findDefinition(lines: AddedLine[], name: string): AddedLine | undefined {
  const e = escape(name);
  const declIndex = lines.findIndex((a) => new RegExp(`function\\s+${e}\\b|\\b(const|let|var)\\s+${e}\\s*=`).test(a.line.text));
  if (declIndex < 0) return undefined;
  const decl = lines[declIndex];
  for (let i = declIndex + 1; i < lines.length; i++) {
    const a = lines[i];
    if (a.file !== decl.file) break;
    if (/^\s*(export\s+)?(async\s+)?function\b/.test(a.line.text)) break;
    if (/\breturn\b/.test(a.line.text)) return a;
  }
  return decl;
}

function largestHunkStart(files: DiffFile[]): AddedLine | undefined {
  let best: AddedLine | undefined;
  let most = 0;
  for (const file of files) {
    for (const h of file.hunks) {
      const plus = h.lines.filter((l) => l.kind === '+' && l.text.trim() !== '' && !isComment(l.text));
      if (plus.length > most) {
        most = plus.length;
        best = { file, line: plus[0] };
      }
    }
  }
  return best;
}

function added(files: DiffFile[]): AddedLine[] {
  return files.flatMap((file) => file.hunks.flatMap((h) => h.lines.filter((l) => l.kind === '+').map((line) => ({ file, line }))));
}

function toCulprit(a: AddedLine): Culprit {
  return { file: pathOf(a.file), line: a.line.newLine, text: a.line.text.trim() };
}

function isComment(t: string): boolean {
  return /^\s*(\/\/|\/\*|\*)/.test(t);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
