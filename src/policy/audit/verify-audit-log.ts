import { GENESIS, hashRecord, formatRecord, type AuditRecord } from './audit-record.ts';
import { sha256Hex } from '../../util/canonical-json.ts';

/**
 * Checks an audit log and, when it is broken, names the first broken line and how it was
 * broken, assuming one tampering (several show as the first): edited (a line whose content or
 * form no longer matches its hash, or which the next record no longer chains to), deleted (a
 * seq skipped), inserted (a seq twice, a forged link, a line after the seal or a blank line),
 * reordered (a seq early that is found later) or truncated (no seal at the end, or a last line
 * cut off). With `head` (the hash the timeline recorded) a log rewritten from some point on,
 * seal and all, is caught too.
 */
export type BreakKind = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'truncated';

export type AuditVerification =
  | { ok: true; records: number; head: string }
  | { ok: false; kind: BreakKind; line: number; message: string };

interface Line {
  text: string;
  record?: AuditRecord;
  /** Why the line is not an intact record on its own, if it is not. */
  flaw?: string;
}

export function verifyAuditLog(text: string, opts: { head?: string } = {}): AuditVerification {
  const complete = text.endsWith('\n');
  const lines = new Lines(text === '' ? [] : (complete ? text.slice(0, -1) : text).split('\n'));
  if (lines.length === 0) return broken('truncated', 0, 'the log is empty (not even its open record)');
  const hashOf = (i: number): string => (i < 0 ? GENESIS : sha256Hex(lines.text(i)));
  let sealed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines.checked(i);
    const r = line.record;
    if (!r || line.flaw) {
      if (i === lines.length - 1 && !complete && !r) return broken('truncated', i, 'the last record is cut off mid-line');
      if (line.text.trim() === '') return broken('inserted', i, 'a blank line');
      return broken('edited', i, line.flaw ?? 'not a record');
    }
    if (sealed) return broken('inserted', i, `a record after the seal (seq ${r.seq})`);
    if (r.seq === i && r.prev === hashOf(i - 1)) {
      if (r.kind === 'seal') {
        if ((r.data as { records?: unknown } | null)?.records !== r.seq) return broken('edited', i, 'the seal does not count the records before it');
        sealed = true;
      }
      continue;
    }
    return explainBreak(lines, i, hashOf);
  }
  if (!sealed) return broken('truncated', lines.length, `the log ends after record ${lines.length - 1} without its seal`);
  const head = hashOf(lines.length - 1);
  if (opts.head !== undefined && opts.head !== head) {
    const at = Array.from({ length: lines.length }, (_, i) => hashOf(i)).indexOf(opts.head);
    if (at >= 0) return broken('inserted', at + 1, `records after the recorded head (line ${at + 1})`);
    return broken('edited', lines.length - 1, 'the log does not end at the recorded head hash: it was rewritten');
  }
  return { ok: true, records: lines.length, head };
}

/** Line i is the first whose seq or link is wrong (every line before it is intact and in place). */
function explainBreak(lines: Lines, i: number, hashOf: (i: number) => string): AuditVerification {
  const r = lines.checked(i).record as AuditRecord;
  const next = i + 1 < lines.length ? lines.checked(i + 1).record : undefined;
  if (r.seq === i) {
    if (next && next.seq === i && next.prev === hashOf(i - 1)) return broken('inserted', i, `a forged record with seq ${i}`);
    if (i === 0) return broken('edited', 0, 'the first record does not start the chain');
    return broken('edited', i - 1, `record ${i} no longer chains to it (its own hash was recomputed)`);
  }
  if (r.seq === i - 1) {
    // Two records claim one seq: the genuine one is what the following record chains to.
    const laterIsGenuine = next ? next.prev === hashOf(i) : r.kind === 'seal';
    const forged = laterIsGenuine && lines.text(i) !== lines.text(i - 1) ? i - 1 : i;
    return broken('inserted', forged, `a second record with seq ${r.seq}`);
  }
  if (r.seq < i) return broken('inserted', i, `a copy of record ${r.seq}`);
  if (lines.findSeq(r.seq, i + 1) >= 0) return broken('inserted', i, `a second record with seq ${r.seq}`);
  const home = lines.findSeq(i, i + 1);
  if (home >= 0) return broken('reordered', i, `record ${r.seq} is here and record ${i} is at line ${home + 1}`);
  return broken('deleted', i, r.seq - i === 1 ? `record ${i} is missing` : `records ${i} to ${r.seq - 1} are missing`);
}

/** The log's lines, each checked only when the verifier gets to it (a break stops it early). */
class Lines {
  private readonly done = new Map<number, Line>();
  private readonly seqs = new Map<number, number | undefined>();

  constructor(private readonly texts: string[]) {}

  get length(): number {
    return this.texts.length;
  }

  text(i: number): string {
    return this.texts[i];
  }

  checked(i: number): Line {
    let line = this.done.get(i);
    if (!line) this.done.set(i, (line = readLine(this.texts[i])));
    return line;
  }

  /** The first line from `from` on that claims `seq` (read cheaply: no hashing), or -1. */
  findSeq(seq: number, from: number): number {
    for (let j = from; j < this.texts.length; j++) {
      if (!this.seqs.has(j)) this.seqs.set(j, seqOf(this.texts[j]));
      if (this.seqs.get(j) === seq) return j;
    }
    return -1;
  }
}

/** A line's top-level seq: canonical JSON puts it last; anything else is parsed. */
function seqOf(text: string): number | undefined {
  const m = /,"seq":(\d+)}$/.exec(text);
  if (m) return Number(m[1]);
  try {
    const seq = (JSON.parse(text) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : undefined;
  } catch {
    return undefined;
  }
}

const RECORD_KEYS = ['at', 'data', 'hash', 'kind', 'prev', 'seq'].join();

function readLine(text: string): Line {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { text, flaw: 'not JSON' };
  }
  const r = value as AuditRecord;
  const shaped =
    typeof value === 'object' && value !== null && Object.keys(value).sort().join() === RECORD_KEYS && Number.isInteger(r.seq) && typeof r.at === 'number' && typeof r.kind === 'string' && typeof r.prev === 'string' && typeof r.hash === 'string' && 'data' in r;
  if (!shaped) return { text, flaw: 'not an audit record (seq, at, kind, data, prev, hash)' };
  if (hashRecord(r) !== r.hash) return { text, record: r, flaw: 'its content does not match its hash' };
  if (formatRecord(r) !== text) return { text, record: r, flaw: 'not in canonical form (the line was rewritten)' };
  return { text, record: r };
}

function broken(kind: BreakKind, index: number, why: string): AuditVerification {
  return { ok: false, kind, line: index + 1, message: `line ${index + 1}: ${kind}: ${why}` };
}
