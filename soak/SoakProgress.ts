/** Progress of a long soak: a line every few seconds, so a person and a CI log both see it move. */
export class SoakProgress {
  private lastLine = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly label: string,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly lineEveryMs = 5_000,
  ) {}

  update(fraction: number, detail: string): void {
    const now = performance.now();
    if (now - this.lastLine < this.lineEveryMs) return;
    this.lastLine = now;
    const clamped = Math.max(0, Math.min(1, fraction));
    this.log(`${this.label}: ${Math.round(clamped * 100)}% ${detail}`);
  }

  line(text: string): void {
    this.log(`${this.label}: ${text}`);
  }
}
