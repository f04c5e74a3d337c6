import { HarnessError } from '../../errors.js';
import type { SessionData } from '../../stores/CallbackStore.js';
import { ANONYMOUS_SESSION, describeMisbehaviour, type StoreUnderTest } from '../../stores/StoreUnderTest.js';
import { sessionWithCookie } from '../../stores/sessionData.js';
import { AnswerOrigins } from './AnswerOrigins.js';
import { SessionModel, seconds } from './SessionModel.js';
import { describeStoreOp, type StoreOp, type StoreStep, sidName } from './StoreStep.js';
import type { VirtualClock } from './VirtualClock.js';

/**
 * How the answers of ops started together are judged. `linearizable`: they overlap in
 * time, so some order of them must explain every answer (and the state after). `call-order`:
 * only the order they were called in may, as if the store ran each to completion before
 * taking the next; a store that spans one op over several round trips can fail it.
 */
export type ConcurrencyModel = 'linearizable' | 'call-order';

/** What one step did: the store's answers in words, and where they disagree with the model. */
export interface StepOutcome {
  readonly result: string;
  readonly mismatches: readonly string[];
}

/** A started call: what it settles with, and how that answer updates and is judged by a model. */
interface StartedOp {
  readonly label: string;
  readonly settled: Promise<unknown>;
  /** Applies the op to `model` (as of its call time) and says whether `answer` fits. */
  judge(model: SessionModel, answer: unknown): string | undefined;
  describe(answer: unknown): string;
}

/** The coverage targets of store cases: the races the stores' own reports are about. */
export const RACES = {
  twoNewSaves: 'two saves of one new session together',
  saveAndDestroy: 'a save and a destroy of one session together',
  sweepAndTouch: "the store's sweep beside a touch of an expired session",
} as const;

/** More states than this and the rest are dropped: ack-only batches are the only source of many. */
const MAX_CANDIDATE_MODELS = 256;

/**
 * One store and the model of what it must hold, driven one `StoreStep` at a time on
 * virtual time. The model is a set of candidate states: ops started together may take
 * effect in any order (see `ConcurrencyModel`), and acknowledgements alone cannot tell
 * which order the store took, so every state some order explains is kept until an
 * answer rules it out.
 */
export class StoreScenario {
  private candidates: SessionModel[] = [new SessionModel()];
  private versions = 0;
  /** The objects handed to the store per id, held weakly: only the store may keep them alive. */
  private readonly handedObjects = new Map<string, WeakRef<object>[]>();
  private deadAtEndOfSteps: ReadonlyMap<string, string> | undefined;
  private readonly origins = new AnswerOrigins();
  /** The races this case reached, by coverage target name. */
  readonly reached = new Set<string>();

  constructor(
    readonly store: StoreUnderTest,
    readonly clock: VirtualClock,
    readonly concurrency: ConcurrencyModel = 'linearizable',
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** The first state the answers so far allow; the one every message is written against. */
  get model(): SessionModel {
    return this.candidates[0] as SessionModel;
  }

  candidateCount(): number {
    return this.candidates.length;
  }

  async apply(step: StoreStep): Promise<StepOutcome> {
    switch (step.op) {
      case 'advance':
        await this.advance(step.ms);
        return { result: `clock at ${seconds(this.now())}`, mismatches: [] };
      case 'concurrent':
        return this.runTogether(step.ops);
      default:
        return this.runTogether([step]);
    }
  }

  /** Moves virtual time for the process's clock and for a store that keeps its own (Redis TTLs). */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.store.elapse(ms);
  }

  /** Freezes which ids are dead once the generated steps are done: `freed` judges those. */
  markStepsDone(): void {
    this.deadAtEndOfSteps = this.definitelyDead();
  }

  deadAfterSteps(): ReadonlyMap<string, string> {
    return this.deadAtEndOfSteps ?? this.definitelyDead();
  }

  /** Ids among `sids` whose handed objects are still alive (meaningful only right after `gc()`). */
  objectsStillAlive(sids: Iterable<string>): string[] {
    return [...sids].filter((sid) => (this.handedObjects.get(sid) ?? []).some((ref) => ref.deref() !== undefined));
  }

  /** Dead in every candidate state: no order of the calls leaves them alive. */
  private definitelyDead(): Map<string, string> {
    const now = this.now();
    const [first, ...rest] = this.candidates.map((model) => model.deadIds(now));
    const dead = new Map(first);
    for (const other of rest) for (const sid of [...dead.keys()]) if (!other.has(sid)) dead.delete(sid);
    return dead;
  }

  private async runTogether(ops: readonly StoreOp[]): Promise<StepOutcome> {
    if (ops.length > 1) this.noteRaces(ops);
    const started = ops.map((op) => this.start(op));
    const completionOrder: number[] = [];
    const answers = await Promise.allSettled(
      started.map((op, index) => op.settled.finally(() => completionOrder.push(index))),
    );
    const order =
      ops.length > 1 && completionOrder.some((at, i) => at !== i) ? ` (called back in order ${completionOrder})` : '';
    // The server went away under the store: no verdict on the store, the run ends with why.
    const gone = answers.find(
      (answer): answer is PromiseRejectedResult =>
        answer.status === 'rejected' && answer.reason instanceof HarnessError,
    );
    if (gone) throw gone.reason;
    // A second callback or a late rejection comes after the answer: give it a turn to show.
    await new Promise((resolve) => setImmediate(resolve));
    const misbehaved = this.store.takeMisbehaviours().map(describeMisbehaviour);
    const failed = [
      ...answers.flatMap((answer, index) =>
        answer.status === 'rejected' ? [`${started[index]?.label} failed: ${errorMessage(answer.reason)}`] : [],
      ),
      ...misbehaved,
    ];
    const values = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : undefined));
    const result =
      started
        .map((op, index) =>
          answers[index]?.status === 'rejected' ? `${op.label}: error` : `${op.label}: ${op.describe(values[index])}`,
        )
        .join('; ') + order;
    if (failed.length > 0) return { result, mismatches: failed };
    return { result, mismatches: this.judge(started, values) };
  }

  /**
   * Keeps every candidate state, advanced by some allowed order of `started`, under which
   * every answer fits. None left: the answers are reported against the first state in call order.
   */
  /**
   * The races a concurrent step can reach, named as the coverage targets are: two saves of
   * one session no one holds, a save and a destroy of one session, and a sweep beside a
   * touch of a session that has expired.
   */
  private noteRaces(ops: readonly StoreOp[]): void {
    const now = this.now();
    const count = (name: StoreOp['op'], sid: number) =>
      ops.filter((op) => op.op === name && 'sid' in op && op.sid === sid).length;
    for (const op of ops) {
      if (!('sid' in op)) continue;
      const sid = sidName(op.sid);
      const live = this.candidates.some((model) => model.live(sid, now) !== undefined);
      if (op.op === 'set' && !live && count('set', op.sid) >= 2) this.reached.add(RACES.twoNewSaves);
      if (op.op === 'set' && count('destroy', op.sid) >= 1) this.reached.add(RACES.saveAndDestroy);
      if (op.op === 'touch' && !live && this.model.everHeld(sid) && ops.some((other) => other.op === 'sweep')) {
        this.reached.add(RACES.sweepAndTouch);
      }
    }
  }

  private judge(started: readonly StartedOp[], answers: readonly unknown[]): string[] {
    const orders = this.concurrency === 'call-order' ? [started.map((_, i) => i)] : permutations(started.length);
    const next = new Map<string, SessionModel>();
    for (const candidate of this.candidates) {
      for (const order of orders) {
        const model = candidate.clone();
        if (order.every((i) => (started[i] as StartedOp).judge(model, answers[i]) === undefined)) {
          next.set(model.key(), model);
        }
        if (next.size >= MAX_CANDIDATE_MODELS) break;
      }
    }
    if (next.size > 0) {
      this.candidates = [...next.values()];
      return [];
    }
    const model = this.model.clone();
    const mismatches = started.flatMap((op, i) => op.judge(model, answers[i]) ?? []);
    if (started.length > 1) {
      mismatches.push(
        this.concurrency === 'call-order'
          ? 'judged in call order'
          : `no order of the ${started.length} concurrent ops explains these answers; shown in call order`,
      );
    }
    this.candidates = [model];
    return mismatches;
  }

  /** Starts the store's call for `op` without awaiting it; the model is judged once it answers. */
  private start(op: StoreOp): StartedOp {
    const now = this.now();
    const label = describeStoreOp(op);
    const ack = { describe: () => 'ok' };
    const unsupported = (name: 'touch' | 'all' | 'length' | 'clear'): StartedOp | undefined =>
      this.store.supports(name)
        ? undefined
        : { label, settled: Promise.resolve(), judge: () => undefined, describe: () => 'not supported by the store' };
    switch (op.op) {
      case 'set': {
        const sid = sidName(op.sid);
        const version = ++this.versions;
        const maxAgeMs = op.maxAgeSeconds * 1_000;
        const session = this.handOver(sid, sessionWithCookie({ user: `user-${version}`, version }, maxAgeMs));
        this.origins.record(version, 'set', sid, now);
        return {
          label,
          settled: this.store.set(sid, session),
          judge: effect((model) => model.set(sid, version, now, maxAgeMs)),
          ...ack,
        };
      }
      case 'touch': {
        const skipped = unsupported('touch');
        if (skipped) return skipped;
        const sid = sidName(op.sid);
        const maxAgeMs = op.maxAgeSeconds * 1_000;
        // express-session touches the session it loaded; the stores keep only its cookie.
        const version = this.model.live(sid, now)?.version ?? 0;
        const session = this.handOver(sid, sessionWithCookie({ user: `user-${version}`, version }, maxAgeMs));
        this.origins.record(version, 'touch', sid, now);
        return {
          label,
          // The file store answers a touch of a missing session with ENOENT: fine for a session
          // that is gone, a failure for a live one (express-session hands it to next(err)).
          settled: this.store.touch(sid, session).catch((error: unknown) => {
            if (causeCode(error) === 'ENOENT') return NO_SUCH_SESSION;
            throw error;
          }),
          judge: (model, answer) => {
            const live = model.live(sid, now);
            if (answer === NO_SUCH_SESSION && live !== undefined) {
              return `${label} answered ENOENT (no such session) at ${seconds(now)}, but version ${live.version} is live until ${seconds(live.expiresAt)}`;
            }
            model.touch(sid, now, maxAgeMs);
            return undefined;
          },
          describe: (answer) => (answer === NO_SUCH_SESSION ? 'no such session (ENOENT)' : 'ok'),
        };
      }
      case 'destroy': {
        const sid = sidName(op.sid);
        return { label, settled: this.store.destroy(sid), judge: effect((model) => model.destroy(sid, now)), ...ack };
      }
      case 'clear': {
        const skipped = unsupported('clear');
        if (skipped) return skipped;
        return { label, settled: this.store.clear(), judge: effect((model) => model.clear(now)), ...ack };
      }
      case 'sweep': {
        // Expired sessions are dead in the model already: a sweep changes nothing a store may answer.
        if (!this.store.hasSweep) {
          return { label, settled: Promise.resolve(), judge: () => undefined, describe: () => 'no sweep of its own' };
        }
        return { label, settled: this.store.sweep(), judge: () => undefined, ...ack };
      }
      case 'get': {
        const sid = sidName(op.sid);
        return {
          label,
          settled: this.store.get(sid),
          judge: (model, answer) => {
            const expected = model.live(sid, now);
            const got = versionOf(answer as SessionData | undefined);
            const why = (version: number | undefined) => {
              if (version === undefined || Number.isNaN(version)) return '';
              const explained = this.origins.explain(sid, version, expected);
              return explained === undefined ? '' : `: ${explained}`;
            };
            if (expected === undefined && got !== undefined) {
              return `${label} answered ${describeAnswered(got)} at ${seconds(now)}, but the session is gone (${model.whyAbsent(sid, now)})${why(got)}`;
            }
            if (expected !== undefined && got !== expected.version) {
              return `${label} answered ${describeAnswered(got)} at ${seconds(now)}, but version ${expected.version} is live until ${seconds(expected.expiresAt)}${why(got)}`;
            }
            return undefined;
          },
          describe: (answer) => describeAnswered(versionOf(answer as SessionData | undefined)),
        };
      }
      case 'length': {
        const skipped = unsupported('length');
        if (skipped) return skipped;
        return {
          label,
          settled: this.store.length(),
          judge: (model, answer) => {
            const live = model.liveIds(now);
            return answer === live.length
              ? undefined
              : `${label} answered ${String(answer)} at ${seconds(now)}, but ${live.length} session(s) are live${listed(live)}`;
          },
          describe: (answer) => String(answer),
        };
      }
      case 'all': {
        const skipped = unsupported('all');
        if (skipped) return skipped;
        return {
          label,
          settled: this.store.all(),
          judge: (model, answer) => judgeAll(label, model, now, answer as Map<string, SessionData>),
          describe: (answer) => {
            const sessions = answer as Map<string, SessionData>;
            const ids = [...sessions.keys()].sort();
            if (ids.some((id) => id.startsWith(ANONYMOUS_SESSION))) {
              const versions = [...sessions.values()].map((s) => String(versionOf(s))).sort();
              return `${ids.length} session(s) without ids (versions ${versions.join(', ')})`;
            }
            return `${ids.length} session(s)${listed(ids)}`;
          },
        };
      }
    }
  }

  private handOver(sid: string, session: SessionData): SessionData {
    const refs = this.handedObjects.get(sid) ?? [];
    refs.push(new WeakRef(session));
    this.handedObjects.set(sid, refs);
    return session;
  }
}

/** An op answered by a bare acknowledgement: it changes the model and cannot be wrong by itself. */
function effect(apply: (model: SessionModel) => unknown): (model: SessionModel) => undefined {
  return (model) => {
    apply(model);
    return undefined;
  };
}

function judgeAll(label: string, model: SessionModel, now: number, got: Map<string, SessionData>): string | undefined {
  const live = model.liveIds(now);
  if ([...got.keys()].some((key) => key.startsWith(ANONYMOUS_SESSION))) {
    // Sessions without ids: only their data can be compared, as a multiset of versions.
    const want = live.map((sid) => model.live(sid, now)?.version).sort();
    const have = [...got.values()].map((session) => versionOf(session)).sort();
    return JSON.stringify(want) === JSON.stringify(have)
      ? undefined
      : `${label} at ${seconds(now)} answered ${have.length} session(s) without ids, versions ${have.map(String).join(', ') || 'none'}, but the live sessions hold versions ${want.join(', ') || 'none'}${listed(live)}`;
  }
  const extra = [...got.keys()].filter((sid) => model.live(sid, now) === undefined).sort();
  const missing = live.filter((sid) => !got.has(sid));
  const stale = live.filter((sid) => got.has(sid) && versionOf(got.get(sid)) !== model.live(sid, now)?.version);
  if (extra.length + missing.length + stale.length === 0) return undefined;
  const parts = [
    ...extra.map((sid) => `${sid} (gone: ${model.whyAbsent(sid, now)})`),
    ...missing.map((sid) => `not ${sid} (live)`),
    ...stale.map((sid) => `${sid} at version ${versionOf(got.get(sid))} instead of ${model.live(sid, now)?.version}`),
  ];
  return `${label} at ${seconds(now)} answered ${parts.join(', ')}`;
}

/** Every order of `n` items, the identity (call order) first. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const orders: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = rest.length; at >= 0; at--) orders.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return orders;
}

const NO_SUCH_SESSION = Symbol('no such session');

function causeCode(error: unknown): unknown {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return (cause as { code?: unknown } | null)?.code;
}

function versionOf(session: SessionData | undefined): number | undefined {
  if (session === undefined) return undefined;
  return typeof session.version === 'number' ? session.version : Number.NaN;
}

/** A version, nothing, or a session that carries none of the data stored (only a cookie, say). */
function describeAnswered(version: number | undefined): string {
  if (version === undefined) return 'nothing';
  return Number.isNaN(version) ? 'a session without our data (no version field)' : `version ${version}`;
}

function listed(ids: readonly string[]): string {
  return ids.length === 0 ? '' : ` (${ids.join(', ')})`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
