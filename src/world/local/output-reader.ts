import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** Reads the lines another process appends to a file, a batch per read() call. */
export class OutputReader {
  private file: FileHandle | undefined;
  private offset = 0;
  private partial = '';
  private reading: Promise<void> | undefined;
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly path: string, private readonly onLine: (line: string) => void) {}

  /** Reads everything appended since the last call (calls never overlap). */
  read(): Promise<void> {
    this.reading ??= this.readNew().finally(() => (this.reading = undefined));
    return this.reading;
  }

  async close(): Promise<void> {
    await this.file?.close();
    this.file = undefined;
  }

  private async readNew(): Promise<void> {
    this.file ??= await open(this.path, 'r');
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await this.file.read(buf, 0, buf.length, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      const lines = (this.partial + this.decoder.write(buf.subarray(0, bytesRead))).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) if (line) this.onLine(line);
    }
  }
}
