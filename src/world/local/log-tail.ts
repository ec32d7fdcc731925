import type { Readable } from 'node:stream';

/**
 * The last lines a process wrote (stdout and stderr together), kept to explain a failure: when a
 * service or Prometheus dies, the error shows the tail of its log.
 */
export class LogTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 40) {}

  follow(stream: Readable | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.add(chunk));
  }

  add(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.push(line);
  }

  text(): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.join('\n');
  }

  private push(line: string): void {
    this.lines.push(line.length > 500 ? `${line.slice(0, 500)}...` : line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}

/** A failure message with the process's last log lines, indented, or a note that it wrote none. */
export function withLogTail(message: string, tail: LogTail): string {
  const text = tail.text().trim();
  return text ? `${message}\n  last log lines:\n${text.split('\n').map((l) => `    ${l}`).join('\n')}` : `${message} (it wrote nothing to its log)`;
}
