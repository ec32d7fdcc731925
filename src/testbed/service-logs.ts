/**
 * What the testbed's services log (ctx.log), kept for the run's agents and reports: the latest
 * lines per service version (a ring), and every message grouped with counts per minute, so
 * "what did the canary log since the deploy that stable did not" is one call however long the
 * run. Both runtimes feed it; nothing here is ground truth, it is what an operator's log search
 * would show.
 */
export interface ServiceLogLine {
  t: number;
  service: string;
  /** The version's role: `stable` or `canary`. */
  version: string;
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A log search, as the toolbox's `logs` tool takes it. */
export interface LogQuery {
  service?: string;
  version?: string;
  /** Drill ms; lines at or after it. */
  since?: number;
  /** A case-insensitive substring, or /regex/flags, of the message and its fields. */
  grep?: string;
  /** Newest lines kept when more match. */
  limit?: number;
}

/** One message of one service version, with how often it was logged in a span. */
export interface LogGroupCount {
  service: string;
  version: string;
  level: string;
  message: string;
  count: number;
  firstAt: number;
  lastAt: number;
  example: Record<string, unknown>;
}

interface Group {
  service: string;
  version: string;
  level: string;
  message: string;
  /** Count per minute bucket (bucket start -> count). */
  perMinute: Map<number, number>;
  firstAt: number;
  lastAt: number;
  example: Record<string, unknown>;
}

const MINUTE = 60_000;

export class ServiceLogStore {
  private readonly rings = new Map<string, ServiceLogLine[]>();
  private readonly groupsByKey = new Map<string, Group>();
  private readonly groupsPerVersion = new Map<string, number>();
  /** Lines that fell out of a ring, and messages past the group cap (counted under one "other" group). */
  droppedLines = 0;

  constructor(private readonly opts: { linesPerVersion?: number; groupsPerVersion?: number } = {}) {}

  add(line: ServiceLogLine): void {
    const sv = `${line.service}\u0000${line.version}`;
    let ring = this.rings.get(sv);
    if (!ring) {
      ring = [];
      this.rings.set(sv, ring);
    }
    ring.push(line);
    if (ring.length > (this.opts.linesPerVersion ?? 2000)) {
      ring.shift();
      this.droppedLines++;
    }
    this.count(sv, line);
  }

  /** Matching lines, oldest first, the newest `limit` of them. */
  query(q: LogQuery): ServiceLogLine[] {
    const match = compileGrep(q.grep);
    const out: ServiceLogLine[] = [];
    for (const [sv, ring] of [...this.rings].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [service, version] = sv.split('\u0000');
      if ((q.service && q.service !== service) || (q.version && q.version !== version)) continue;
      for (const l of ring) if ((q.since === undefined || l.t >= q.since) && match(l)) out.push(l);
    }
    out.sort((a, b) => a.t - b.t);
    const limit = q.limit ?? out.length;
    return limit >= out.length ? out : out.slice(out.length - limit);
  }

  /** Messages logged since `since` (minute resolution), most frequent first. */
  groups(since = 0): LogGroupCount[] {
    const from = Math.floor(since / MINUTE) * MINUTE;
    const out: LogGroupCount[] = [];
    for (const g of this.groupsByKey.values()) {
      let count = 0;
      for (const [bucket, n] of g.perMinute) if (bucket >= from) count += n;
      if (count > 0) out.push({ service: g.service, version: g.version, level: g.level, message: g.message, count, firstAt: g.firstAt, lastAt: g.lastAt, example: g.example });
    }
    return out.sort((a, b) => b.count - a.count || cmp(a.service, b.service) || cmp(a.version, b.version) || cmp(a.message, b.message));
  }

  private count(sv: string, line: ServiceLogLine): void {
    let key = `${sv}\u0000${line.level}\u0000${line.message}`;
    let group = this.groupsByKey.get(key);
    if (!group) {
      const n = this.groupsPerVersion.get(sv) ?? 0;
      if (n >= (this.opts.groupsPerVersion ?? 200)) {
        key = `${sv}\u0000${line.level}\u0000(other messages)`;
        group = this.groupsByKey.get(key);
      }
      if (!group) {
        const message = n >= (this.opts.groupsPerVersion ?? 200) ? '(other messages)' : line.message;
        group = { service: line.service, version: line.version, level: line.level, message, perMinute: new Map(), firstAt: line.t, lastAt: line.t, example: line.fields };
        this.groupsByKey.set(key, group);
        this.groupsPerVersion.set(sv, n + 1);
      }
    }
    const bucket = Math.floor(line.t / MINUTE) * MINUTE;
    group.perMinute.set(bucket, (group.perMinute.get(bucket) ?? 0) + 1);
    group.lastAt = line.t;
    group.example = line.fields;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Longest regex an agent may send: the toolbox runs in the harness's own thread. */
const MAX_REGEX = 200;
/** A group that repeats and is repeated, e.g. (a+)+ or (\w*)*: catastrophic backtracking. */
const NESTED_QUANTIFIER = /\([^)]*[+*][^)]*\)\s*[+*{]/;

/**
 * `/re/flags` is a regex; anything else a case-insensitive substring; over message and fields.
 * A regex that could backtrack for ever (nested quantifiers) or is very long is searched as a
 * plain substring instead: one hostile grep must not freeze the run.
 */
function compileGrep(grep: string | undefined): (l: ServiceLogLine) => boolean {
  if (!grep) return () => true;
  const re = /^\/(.+)\/([a-z]*)$/.exec(grep);
  let test: (s: string) => boolean;
  if (re && re[1].length <= MAX_REGEX && !NESTED_QUANTIFIER.test(re[1])) {
    let rx: RegExp;
    try {
      rx = new RegExp(re[1], re[2].replace(/[gy]/g, ''));
    } catch {
      rx = new RegExp(re[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    }
    test = (s) => rx.test(s);
  } else {
    const needle = grep.toLowerCase();
    test = (s) => s.toLowerCase().includes(needle);
  }
  return (l) => test(l.message) || test(JSON.stringify(l.fields));
}
