// Buffered text writes to a file with backpressure, so writing millions of lines keeps memory flat.
import { createWriteStream, type WriteStream } from 'node:fs';

export class LineSink {
  private buffer = '';
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failed = error));
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    this.buffer += text;
    if (this.buffer.length < 1 << 20) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    if (this.buffer) this.stream.write(this.buffer);
    this.buffer = '';
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (this.failed) throw this.failed;
  }
}
