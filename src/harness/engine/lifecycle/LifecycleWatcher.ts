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

export interface KindCount {
  readonly kind: string;
  readonly ended: number;
  readonly survived: number;
}

/**
 * Watches objects from the moment the system under test says their life ended, each by a
 * `WeakRef` and a label: after a collection, any still reachable is kept by something.
 * It holds nothing strongly, so watching never keeps an object alive.
 */
export class LifecycleWatcher {
  private readonly watched: { readonly ref: WeakRef<object>; readonly end: LifeEnd }[] = [];
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
      if (!(await collectGarbage('full'))) return [];
      alive = this.alive(stillInUse);
      if (alive.length === 0) return [];
    }
    return alive;
  }

  /** Per kind: how many objects ended, and how many of them survive now (exact only right after `survivors`). */
  counts(): KindCount[] {
    const survivedByKind = new Map<string, number>();
    for (const { ref, end } of this.watched) {
      if (ref.deref() !== undefined) survivedByKind.set(end.kind, (survivedByKind.get(end.kind) ?? 0) + 1);
    }
    return [...this.endedByKind].map(([kind, ended]) => ({ kind, ended, survived: survivedByKind.get(kind) ?? 0 }));
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
