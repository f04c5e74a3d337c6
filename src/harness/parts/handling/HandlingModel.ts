/** A message as the model keeps it until it is handled. */
export type ModelledMessage =
  | { readonly kind: 'live-add' | 'update'; readonly token: string; readonly id: string }
  | { readonly kind: 'full-chunk'; readonly token: string; readonly id: string; readonly syncId: string }
  | { readonly kind: 'remove'; readonly token: string };

interface Pending {
  readonly message: ModelledMessage;
  /** The connection count when it arrived: handled on another, it belongs to a closed connection. */
  readonly connection: number;
}

/**
 * What the router's handlers must do with each message, written from their contract: in
 * its connection a message changes the cache and a sync's first chunk opens that sync; a
 * message handled after its connection closed (only out of order) still changes the shared
 * cache, but opens nothing.
 */
export class HandlingModel {
  /** Token to `token:id`, in the order tokens were first cached. */
  readonly cache = new Map<string, string>();
  syncFlag = '';
  /** The sync the gate last opened on this connection. */
  opened = '';
  stale = 0;
  received = 0;
  /** Opens and closes so far. */
  connection = 1;
  readonly pending: Pending[] = [];

  constructor(readonly outOfOrder: boolean) {}

  receive(message: ModelledMessage): void {
    this.received++;
    if (this.outOfOrder) this.pending.push({ message, connection: this.connection });
    else this.handle(message);
  }

  /** The pending message at `index` is handled. */
  run(index: number): void {
    const [pending] = this.pending.splice(index, 1);
    if (pending === undefined) return;
    if (pending.connection === this.connection) this.handle(pending.message);
    else this.handleAfterClose(pending.message);
  }

  close(): void {
    this.connection++;
    this.syncFlag = '';
    this.opened = '';
  }

  open(): void {
    this.connection++;
  }

  private put(token: string, id: string): void {
    this.cache.set(token, `${token}:${id}`);
  }

  private handle(message: ModelledMessage): void {
    switch (message.kind) {
      case 'live-add':
      case 'update':
        this.put(message.token, message.id);
        return;
      case 'remove':
        this.cache.delete(message.token);
        return;
      case 'full-chunk':
        // Every sync sends one chunk here: one newer than the last opened opens it, an older one is stale.
        if (message.syncId > this.opened) {
          this.opened = message.syncId;
          this.syncFlag = message.syncId;
          this.put(message.token, message.id);
        } else this.stale++;
        return;
    }
  }

  private handleAfterClose(message: ModelledMessage): void {
    if (message.kind === 'full-chunk' || message.kind === 'live-add') this.put(message.token, message.id);
    else this.handle(message);
  }
}
