/**
 * What the router tells an observer as it works: where the life of one of its objects
 * ends, who is acting and what changes, why a sync ended. The router runs the same with
 * no observer; one that keeps what it is handed keeps it alive, so an observer that
 * watches lifetimes holds only weak references.
 */
export type LifecycleKind = 'session' | 'tracker' | 'chunk' | 'post-sync batch' | 'connection' | 'timer';

/** A tracker, as an actor: whether it is still the handler's tracker, and still collecting. */
export interface TrackerActor {
  readonly serial: number;
  readonly syncId: string;
  readonly current: boolean;
  readonly collecting: boolean;
}

export type RouterEvent =
  /** `object`'s life ended here: nothing should keep it once the work in flight is done. */
  | { readonly type: 'ended'; readonly kind: LifecycleKind; readonly object: object; readonly label: string }
  /** A tracker's loop starts (`start`) or finishes (`end`) acting on a tick or a deadline. */
  | {
      readonly type: 'tracker-acts';
      readonly phase: 'start' | 'end';
      readonly actor: TrackerActor;
      readonly on: 'tick' | 'deadline';
    }
  /** A change to what the router holds or promises, whoever makes it. */
  | {
      readonly type: 'effect';
      readonly effect: 'cache' | 'sync flag' | 'tracker released' | 'resync requested';
      readonly detail: string;
    }
  | { readonly type: 'sync-started'; readonly syncId: string; readonly serial: number }
  /** `sessions`: how many the sync held (its chunks and post-sync data). */
  | { readonly type: 'sync-applied'; readonly syncId: string; readonly sessions: number }
  /**
   * A sync ended without applying: `deadline` (its time ran out), `broken-chunk` (a chunk of
   * it could not be used), with the sequences missing from it at that moment.
   */
  | {
      readonly type: 'sync-failed';
      readonly syncId: string;
      readonly cause: 'deadline' | 'broken-chunk';
      readonly missing: readonly number[];
      readonly complete: boolean;
    }
  /** A newer sync's first chunk took the place of a tracker that had not finished. */
  | { readonly type: 'tracker-replaced'; readonly syncId: string; readonly complete: boolean }
  /** The connection closed while the router held the tracker in `state`. */
  | { readonly type: 'closed'; readonly tracker: 'none' | 'collecting' | 'complete' }
  /** A full-state chunk judged in message order, against the sync the router last opened. */
  | {
      readonly type: 'chunk-judged';
      readonly syncId: string;
      readonly verdict: 'first' | 'next' | 'stale' | 'duplicate' | 'past-last' | 'second-last';
      /** `older`: a sync before the one open; `closed`: the open one, already ended. */
      readonly relation: 'current' | 'older' | 'closed' | 'newer';
    };

export type RouterEventListener = (event: RouterEvent) => void;

/** The router's event stream: listeners are told in order, synchronously. */
export class RouterEvents {
  private readonly listeners = new Set<RouterEventListener>();

  subscribe(listener: RouterEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Whether anyone listens: emitters skip building events nobody reads. */
  get observed(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: RouterEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  ended(kind: LifecycleKind, object: object, label: string): void {
    this.emit({ type: 'ended', kind, object, label });
  }
}
