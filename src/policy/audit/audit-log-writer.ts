import { open, type FileHandle } from 'node:fs/promises';
import { InfraError } from '../../util/errors.ts';
import { AuditChain, type AuditRecord } from './audit-record.ts';

/**
 * The append-only audit log of a run: one JSONL line per decision and per applied change,
 * chained by hashes, opened with an `open` record and closed with a `seal`. The file is
 * created exclusively (an existing log is never continued or overwritten) and written in append
 * mode, one record at a time in call order. `head` (the hash of the last line) is what the
 * runner writes to the timeline, so even a log rewritten end to end is caught.
 */
export class AuditLogWriter {
  private readonly chain = new AuditChain();
  private queue: Promise<unknown> = Promise.resolve();
  private sealed = false;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
  ) {}

  static async create(path: string, opts: { at: number; data?: Record<string, unknown> }): Promise<AuditLogWriter> {
    let file: FileHandle;
    try {
      file = await open(path, 'ax');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InfraError(code === 'EEXIST' ? `audit log ${path} already exists` : `cannot create audit log ${path}: ${(err as Error).message}`, { cause: err, hint: 'each run writes a new audit log' });
    }
    const log = new AuditLogWriter(path, file);
    await log.write('open', { log: 'firedrill.audit/v1', ...opts.data }, opts.at);
    return log;
  }

  get head(): string {
    return this.chain.head;
  }

  /** Records a policy decision (the proposal, its classes, the engine's answer). */
  decision(data: unknown, at: number): Promise<AuditRecord> {
    return this.write('decision', data, at);
  }

  /** Records a change applied without a human (what was applied, the commit). */
  applied(data: unknown, at: number): Promise<AuditRecord> {
    return this.write('apply', data, at);
  }

  /** Writes the seal and closes the file; returns the head hash. */
  async seal(at: number): Promise<string> {
    const written = this.write('seal', { records: this.chain.count }, at);
    this.sealed = true;
    await written;
    await this.file.close();
    return this.head;
  }

  private write(kind: AuditRecord['kind'], data: unknown, at: number): Promise<AuditRecord> {
    if (this.sealed) return Promise.reject(new InfraError(`audit log ${this.path} is sealed; nothing more can be written`));
    // The chain advances now, in call order; the file catches up in the same order.
    let next: ReturnType<AuditChain['next']>;
    try {
      next = this.chain.next(kind, data, at);
    } catch (err) {
      return Promise.reject(err);
    }
    const { record, line } = next;
    const done = this.queue.then(() => this.file.appendFile(`${line}\n`, 'utf8')).then(() => record);
    this.queue = done.catch(() => undefined);
    return done;
  }
}
