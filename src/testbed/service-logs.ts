import { LogRing } from './log-ring.ts';

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

/** One service version's lines and message groups (level, then message: no key built per line). */
interface VersionLog {
  service: string;
  version: string;
  ring: LogRing<ServiceLogLine>;
  groups: Map<string, Map<string, Group>>;
  /** Distinct messages grouped so far, the "other" group included. */
  groupCount: number;
}

const MINUTE = 60_000;
const OTHER = '(other messages)';

export class ServiceLogStore {
  private readonly versions = new Map<string, Map<string, VersionLog>>();
  /** Every group in the order it first appeared (the tie order of `groups`). */
  private readonly allGroups: Group[] = [];
  /** Lines that fell out of a ring, and messages past the group cap (counted under one "other" group). */
  droppedLines = 0;

  constructor(private readonly opts: { linesPerVersion?: number; groupsPerVersion?: number } = {}) {}

  add(line: ServiceLogLine): void {
    const log = this.versionLog(line.service, line.version);
    if (log.ring.push(line)) this.droppedLines++;
    this.count(log, line);
  }

  /** Matching lines, oldest first, the newest `limit` of them. */
  query(q: LogQuery): ServiceLogLine[] {
    const match = compileGrep(q.grep);
    const out: ServiceLogLine[] = [];
    const logs = [...this.versions.values()].flatMap((byVersion) => [...byVersion.values()]);
    for (const log of logs.sort((a, b) => cmp(a.service, b.service) || cmp(a.version, b.version))) {
      if ((q.service && q.service !== log.service) || (q.version && q.version !== log.version)) continue;
      for (const l of log.ring) if ((q.since === undefined || l.t >= q.since) && match(l)) out.push(l);
    }
    out.sort((a, b) => a.t - b.t);
    const limit = q.limit ?? out.length;
    return limit >= out.length ? out : out.slice(out.length - limit);
  }

  /** Messages logged since `since` (minute resolution), most frequent first. */
  groups(since = 0): LogGroupCount[] {
    const from = Math.floor(since / MINUTE) * MINUTE;
    const out: LogGroupCount[] = [];
    for (const g of this.allGroups) {
      let count = 0;
      for (const [bucket, n] of g.perMinute) if (bucket >= from) count += n;
      if (count > 0) out.push({ service: g.service, version: g.version, level: g.level, message: g.message, count, firstAt: g.firstAt, lastAt: g.lastAt, example: g.example });
    }
    return out.sort((a, b) => b.count - a.count || cmp(a.service, b.service) || cmp(a.version, b.version) || cmp(a.message, b.message));
  }

  private versionLog(service: string, version: string): VersionLog {
    let byVersion = this.versions.get(service);
    if (!byVersion) {
      byVersion = new Map();
      this.versions.set(service, byVersion);
    }
    let log = byVersion.get(version);
    if (!log) {
      log = { service, version, ring: new LogRing(this.opts.linesPerVersion ?? 2000), groups: new Map(), groupCount: 0 };
      byVersion.set(version, log);
    }
    return log;
  }

  private count(log: VersionLog, line: ServiceLogLine): void {
    let byMessage = log.groups.get(line.level);
    if (!byMessage) {
      byMessage = new Map();
      log.groups.set(line.level, byMessage);
    }
    let group = byMessage.get(line.message);
    if (!group) {
      // Past the cap, new messages share one group per level (a service logging ids in its
      // messages must not grow the store without bound).
      const full = log.groupCount >= (this.opts.groupsPerVersion ?? 200);
      const message = full ? OTHER : line.message;
      group = full ? byMessage.get(OTHER) : undefined;
      if (!group) {
        group = { service: line.service, version: line.version, level: line.level, message, perMinute: new Map(), firstAt: line.t, lastAt: line.t, example: line.fields };
        byMessage.set(message, group);
        this.allGroups.push(group);
        log.groupCount++;
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
