import { canonicalJson, sha256Hex } from '../../util/canonical-json.ts';

/**
 * One line of the audit log. `prev` is the SHA-256 of the previous line (the previous record's
 * canonical JSON, `hash` included), so the lines form a chain; `hash` is the SHA-256 of this
 * record's canonical JSON without `hash`, so an edited line is caught where it is, not only at
 * the next one. `seq` counts from 0, which tells a deletion (a gap) from an insertion (a seq
 * twice) from a swap (a seq early). The log opens with an `open` record and closes with a `seal`
 * whose `data.records` is its own seq: a log without its seal was cut short.
 */
export type AuditKind = 'open' | 'decision' | 'apply' | 'seal';

export interface AuditRecord {
  seq: number;
  /** Milliseconds: the run's clock (virtual on sim, so the log replays byte for byte). */
  at: number;
  kind: AuditKind;
  data: unknown;
  prev: string;
  hash: string;
}

/** The `prev` of the first record. */
export const GENESIS = '0'.repeat(64);

export function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  return sha256Hex(canonicalJson({ seq: r.seq, at: r.at, kind: r.kind, data: r.data, prev: r.prev }));
}

/** The record's line (canonical JSON, no newline). */
export function formatRecord(r: AuditRecord): string {
  return canonicalJson(r);
}

/** Builds the chain in memory: each call gives the next record's line. */
export class AuditChain {
  private seq = 0;
  private last = GENESIS;

  get head(): string {
    return this.last;
  }

  get count(): number {
    return this.seq;
  }

  next(kind: AuditKind, data: unknown, at: number): { record: AuditRecord; line: string } {
    const body = { seq: this.seq, at, kind, data, prev: this.last };
    const record: AuditRecord = { ...body, hash: hashRecord(body) };
    const line = formatRecord(record);
    this.seq++;
    this.last = sha256Hex(line);
    return { record, line };
  }
}
