import type { Direction } from '../../session/ControlChannel.js';
import { ContentType, type WireMessage } from '../../session/messages.js';

/** Full-state chunks remembered for replays (duplicate and late chunks); older ones are forgotten. */
const CHUNKS_KEPT = 32;

/**
 * What reached the router: adversarial messages by kind, and the latest full-state chunks
 * as JSON text, so that replaying one later keeps no session object of the router alive.
 */
export class DeliveryLog {
  private readonly injected = new WeakMap<object, string>();
  private readonly injectedByKind = new Map<string, number>();
  private chunks: string[] = [];

  /** Marks a message put on the wire by the adversary, so its delivery is counted under `kind`. */
  markInjected(message: object, kind: string): void {
    this.injected.set(message, kind);
  }

  observe(direction: Direction, message: WireMessage): void {
    if (direction !== 'toRouter') return;
    const kind = typeof message === 'object' && message !== null ? this.injected.get(message) : undefined;
    if (kind !== undefined) this.injectedByKind.set(kind, this.delivered(kind) + 1);
    if (isFullStateChunk(message)) {
      this.chunks.push(JSON.stringify(message));
      if (this.chunks.length > CHUNKS_KEPT) this.chunks.shift();
    }
  }

  /** The adversarial kind `message` was injected as, if it was. */
  injectedKind(message: WireMessage): string | undefined {
    return typeof message === 'object' && message !== null ? this.injected.get(message) : undefined;
  }

  /** Adversarial messages of `kind` that reached the router. */
  delivered(kind: string): number {
    return this.injectedByKind.get(kind) ?? 0;
  }

  /** A fresh copy of the chunk `back` places from the newest (0 = newest), or undefined. */
  chunkFromNewest(back: number): WireMessage | undefined {
    return this.copy(this.chunks[this.chunks.length - 1 - (back % Math.max(1, this.chunks.length))]);
  }

  /** A fresh copy of the chunk at `index` from the oldest kept, or undefined. */
  chunkFromOldest(index: number): WireMessage | undefined {
    return this.copy(this.chunks[index % Math.max(1, this.chunks.length)]);
  }

  /** A new connection: chunks of the old one are not replayed on it. */
  forgetChunks(): void {
    this.chunks = [];
  }

  private copy(text: string | undefined): WireMessage | undefined {
    return text === undefined ? undefined : (JSON.parse(text) as WireMessage);
  }
}

/** Reads the message defensively: adversarial ones may be anything, even a throwing getter. */
function isFullStateChunk(message: WireMessage): boolean {
  try {
    return (
      message.contentType === ContentType.ApiSessionAdded &&
      (message.body as { isFullState?: unknown } | null)?.isFullState === true
    );
  } catch {
    return false;
  }
}
