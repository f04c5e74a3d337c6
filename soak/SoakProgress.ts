/** A bar on a terminal, a line every few seconds otherwise (CI logs). */
export class SoakProgress {
  private lastLine = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly lineEveryMs = 5_000,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(fraction: number, detail: string): void {
    const clamped = Math.max(0, Math.min(1, fraction));
    if (this.tty) {
      const width = 30;
      const filled = Math.round(clamped * width);
      this.stream.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(clamped * 100)}% ${detail}\u001b[K`,
      );
      return;
    }
    const now = performance.now();
    if (now - this.lastLine < this.lineEveryMs) return;
    this.lastLine = now;
    this.stream.write(`${this.label}: ${Math.round(clamped * 100)}% ${detail}\n`);
  }

  line(text: string): void {
    if (this.tty) this.stream.write('\r\u001b[K');
    this.stream.write(`${this.label}: ${text}\n`);
  }
}
