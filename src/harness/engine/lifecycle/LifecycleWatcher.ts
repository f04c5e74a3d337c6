import { collectGarbage } from '../collectGarbage.js';

/** Collections an ended object must survive, each after the current job, to count as kept. */
export const SURVIVAL_ROUNDS = 3;

/** Where and how one watched object's life ended. */
export interface LifeEnd {
  readonly kind: string;
  readonly label: string;
  /** The trace entry during which the system said it ended. */
  readonly atEntry: number;
}

/** Per watched kind: how many ended, how many of them are still reachable, and one of those. */
export interface KindCount {
  readonly kind: string;
  readonly ended: number;
  readonly retained: number;
  /** The label of a retained one, and where its life ended. */
  readonly example?: string;
}

/**
 * Watches objects from the moment the system under test says their life ended, each by a
 * `WeakRef` and a label: after a collection, any still reachable is kept by something.
 * It holds nothing strongly, so watching never keeps an object alive.
 */
export class LifecycleWatcher {
  private watched: { readonly ref: WeakRef<object>; readonly end: LifeEnd }[] = [];
  /** An object can be said to end twice (a tracker stopped, then released): watched once. */
  private readonly seen = new WeakSet<object>();
  private readonly endedByKind = new Map<string, number>();

  watch(object: object, kind: string, label: string, atEntry: number): void {
    if (this.seen.has(object)) return;
    this.seen.add(object);
    this.watched.push({ ref: new WeakRef(object), end: { kind, label, atEntry } });
    this.endedByKind.set(kind, (this.endedByKind.get(kind) ?? 0) + 1);
  }

  watchedCount(): number {
    return this.watched.length;
  }

  /**
   * What survives a full collection, but for objects `stillInUse` says are legitimately
   * alive again. (A young-generation collection alone frees too little here: a case's
   * promoted, dead objects keep its young ones reachable until a full collection.)
   */
  async survivors(stillInUse: (object: object) => boolean = () => false): Promise<LifeEnd[]> {
    if (this.watched.length === 0) return [];
    let alive: LifeEnd[] = [];
    // In a process that has run many checks, an ended object was seen to outlive one
    // collection now and then, never two: only what survives each of them is kept.
    for (let round = 0; round < SURVIVAL_ROUNDS; round++) {
      await collectGarbage('full');
      alive = this.alive(stillInUse);
      if (alive.length === 0) return [];
    }
    return alive;
  }

  /** Per kind: how many objects ended, and how many of them are reachable now (exact only right after a collection). */
  counts(unit = 'entry'): KindCount[] {
    const retained = new Map<string, LifeEnd[]>();
    for (const end of this.alive(() => false)) retained.set(end.kind, [...(retained.get(end.kind) ?? []), end]);
    return [...this.endedByKind].map(([kind, ended]) => {
      const first = retained.get(kind)?.[0];
      return {
        kind,
        ended,
        retained: retained.get(kind)?.length ?? 0,
        ...(first ? { example: `${first.label} (ended at ${unit} ${first.atEntry})` } : {}),
      };
    });
  }

  /**
   * Forgets the objects already collected, keeping the counts: a long soak watches
   * millions of ends, and the watcher must not grow with them.
   */
  prune(): void {
    this.watched = this.watched.filter(({ ref }) => ref.deref() !== undefined);
  }

  /** What is reachable now, without collecting: for a caller that has just collected. */
  aliveNow(stillInUse: (object: object) => boolean = () => false): LifeEnd[] {
    return this.alive(stillInUse);
  }

  private alive(stillInUse: (object: object) => boolean): LifeEnd[] {
    const alive: LifeEnd[] = [];
    for (const { ref, end } of this.watched) {
      const object = ref.deref();
      if (object !== undefined && !stillInUse(object)) alive.push(end);
    }
    return alive;
  }
}

/** One line naming what survived, grouped by kind, with the first few labels and where each ended. */
export function describeSurvivors(survivors: readonly LifeEnd[], shown = 3): string {
  const byKind = new Map<string, LifeEnd[]>();
  for (const end of survivors) byKind.set(end.kind, [...(byKind.get(end.kind) ?? []), end]);
  return [...byKind]
    .map(([kind, ends]) => {
      const examples = ends
        .slice(0, shown)
        .map((end) => `${end.label} (ended at entry ${end.atEntry})`)
        .join('; ');
      return `${ends.length} ${kind}(s): ${examples}${ends.length > shown ? '; …' : ''}`;
    })
    .join(' | ');
}
