import { FAULT_PROFILES, type FaultFlags } from '../faults.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { ChannelPeer, Uplink } from './ControlChannel.js';
import {
  type ApiSession,
  ContentType,
  fullSyncChunk,
  liveAdd,
  sessionsRemoved,
  sessionsUpdated,
  type WireMessage,
} from './messages.js';

export interface ControllerOptions {
  readonly runtime: Runtime;
  /** Only `lastChunkNeverMarked` concerns the controller. */
  readonly faults?: FaultFlags;
  /** Sessions per full-sync chunk (upstream: 100). */
  readonly chunkSize?: number;
}

export class ControllerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControllerInputError';
  }
}

/** A full sync as the controller sent it: what the model compares the router with. */
export interface SyncRecord {
  readonly syncId: string;
  /** Restarts of the controller before this sync began: 0 for its first life. */
  readonly life: number;
  readonly reason: string;
  chunksSent: number;
  sessionsSent: number;
  /** Live sessions when chunk 0 went out (the snapshot); undefined until then. */
  snapshotSize: number | undefined;
  totalChunks: number | undefined;
  complete: boolean;
}

interface StreamingSync {
  readonly record: SyncRecord;
  tokens: string[] | undefined;
}

const ID_WIDTH = 12;
/** Fixed width so that string order is creation order, as the router's removal bound needs. */
export const formatSessionId = (serial: number): string => `as-${String(serial).padStart(ID_WIDTH, '0')}`;
/**
 * A restarted controller's sync ids sort below every id of its earlier lives, as the
 * reference's cuids do when a controller comes back with its clock stepped back: the mark
 * `.<999 - life>.` sorts below any digit, and lower for each later life.
 */
export const formatSyncId = (serial: number, life = 0): string =>
  `sync-${life === 0 ? '' : `.${String(RESTARTS_LIMIT - life).padStart(3, '0')}.`}${String(serial).padStart(ID_WIDTH, '0')}`;

/** Lives a controller's sync ids can tell apart in order. */
export const RESTARTS_LIMIT = 999;

/**
 * The controller's side with the "instant" strategy: the source of truth for live
 * sessions, full syncs in chunks on connect and on request, live events as they happen.
 */
export class Controller implements ChannelPeer {
  readonly chunkSize: number;
  private readonly runtime: Runtime;
  private readonly faults: FaultFlags;
  private readonly sessions = new Map<string, ApiSession>();
  private uplink: Uplink | undefined;
  private streaming: StreamingSync | undefined;
  private sessionSerial = 0;
  /** Syncs begun in this life; starts over on a restart. */
  private syncSerial = 0;
  private syncsBegun = 0;
  private life = 0;
  private updateSerial = 0;
  private readonly history: SyncRecord[] = [];
  /** Sessions lost in restarts, with the life that began without them. */
  private readonly lost: { readonly session: ApiSession; readonly life: number }[] = [];
  private resyncRequests = 0;

  static readonly HISTORY_KEPT = 100;

  constructor(options: ControllerOptions) {
    this.runtime = options.runtime;
    this.faults = options.faults ?? FAULT_PROFILES.fixed;
    this.chunkSize = options.chunkSize ?? 100;
    if (!Number.isInteger(this.chunkSize) || this.chunkSize < 1) {
      throw new ControllerInputError(`chunk size must be a positive integer, got ${this.chunkSize}`);
    }
  }

  connected(uplink: Uplink): void {
    this.uplink = uplink;
    this.startFullSync('router connected');
  }

  disconnected(): void {
    this.uplink = undefined;
    this.streaming = undefined;
  }

  receive(message: WireMessage): void {
    if (message.contentType !== ContentType.RequestClientReSync) return;
    this.resyncRequests++;
    this.startFullSync(`resync requested: ${resyncReason(message.body)}`);
  }

  createSession(identityId = 'identity-1'): ApiSession {
    const serial = ++this.sessionSerial;
    const session: ApiSession = {
      id: formatSessionId(serial),
      token: `token-${serial.toString(36)}`,
      identityId,
      certFingerprints: [`fp-${serial}-0`],
    };
    this.sessions.set(session.token, session);
    this.uplink?.send(liveAdd({ id: `live-${session.id}`, isLast: true, sequence: 0 }, [session]));
    return session;
  }

  /** Rotates the session's certificate fingerprint; false when the token is not live. */
  updateSession(token: string): boolean {
    const current = this.sessions.get(token);
    if (current === undefined) return false;
    // Stryker disable next-line UpdateOperator: equivalent, a counter going down makes fingerprints as new
    const updated: ApiSession = { ...current, certFingerprints: [`fp-${current.id}-${++this.updateSerial}`] };
    this.sessions.set(token, updated);
    this.uplink?.send(sessionsUpdated([updated]));
    return true;
  }

  /** Ends the session; false when the token is not live. */
  endSession(token: string): boolean {
    const session = this.sessions.get(token);
    if (session === undefined) return false;
    this.sessions.delete(token);
    this.uplink?.send(sessionsRemoved([session]));
    return true;
  }

  /**
   * Starts a full sync with a new, larger id and abandons any sync still streaming.
   * The snapshot is taken when chunk 0 goes out, so every session created earlier is in
   * it and every later one follows it on the wire as a live add.
   */
  startFullSync(reason: string): string {
    this.syncsBegun++;
    const record: SyncRecord = {
      syncId: formatSyncId(++this.syncSerial, this.life),
      life: this.life,
      reason,
      chunksSent: 0,
      sessionsSent: 0,
      snapshotSize: undefined,
      totalChunks: undefined,
      complete: false,
    };
    this.history.push(record);
    if (this.history.length > Controller.HISTORY_KEPT) this.history.shift();
    const sync: StreamingSync = { record, tokens: undefined };
    this.streaming = sync;
    this.scheduleChunk(sync);
    return record.syncId;
  }

  liveSessions(): ApiSession[] {
    return [...this.sessions.values()];
  }

  liveSessionCount(): number {
    return this.sessions.size;
  }

  getSession(token: string): ApiSession | undefined {
    return this.sessions.get(token);
  }

  isStreaming(): boolean {
    return this.streaming !== undefined;
  }

  syncHistory(): readonly SyncRecord[] {
    return this.history;
  }

  resyncRequestsReceived(): number {
    return this.resyncRequests;
  }

  /** Every full sync begun, on connects, on requests and by hand, across restarts. */
  fullSyncsBegun(): number {
    return this.syncsBegun;
  }

  /** Sessions its restarts lost, each with the first life that no longer had it. */
  sessionsLostInRestarts(): readonly { readonly session: ApiSession; readonly life: number }[] {
    return this.lost;
  }

  /** The life `syncId` was begun in, while its record is kept. */
  lifeOf(syncId: string): number | undefined {
    return this.history.find((record) => record.syncId === syncId)?.life;
  }

  /** How many times the controller restarted: the life it is in. */
  restarts(): number {
    return this.life;
  }

  /**
   * The controller process restarts. A restart ends its connection, so no router may be
   * connected. What it was streaming is gone; its sessions are what its database kept, all
   * but the newest `lost` (created just before the crash and never written, or purged as
   * expired on start); their removals are never sent. Its sync ids sort below the last ones. Session ids
   * and tokens keep growing: the database, not the process, makes them. Returns the sessions lost.
   */
  restart(lost = 0): ApiSession[] {
    if (this.uplink !== undefined) {
      throw new ControllerInputError(
        'a controller restarts only with no router connected: a restart ends the connection',
      );
    }
    if (this.life + 1 >= RESTARTS_LIMIT) {
      throw new ControllerInputError(
        `a controller restarts at most ${RESTARTS_LIMIT - 1} times: its sync ids would no longer sort below`,
      );
    }
    if (!Number.isInteger(lost) || lost < 0) {
      throw new ControllerInputError(`sessions lost in a restart must be a whole number, got ${lost}`);
    }
    this.streaming = undefined;
    // Insertion order is creation order: an update replaces the value under its key.
    const dropped = lost === 0 ? [] : [...this.sessions.values()].slice(-lost);
    this.life++;
    for (const session of dropped) {
      this.sessions.delete(session.token);
      this.lost.push({ session, life: this.life });
    }
    this.syncSerial = 0;
    return dropped;
  }

  private scheduleChunk(sync: StreamingSync): void {
    const sequence = sync.record.chunksSent;
    this.runtime.spawn(`send ${sync.record.syncId} chunk ${sequence}`, () => this.sendChunk(sync));
  }

  private sendChunk(sync: StreamingSync): void {
    if (this.streaming !== sync) return;
    // Begun with no router connected: nobody to send it to, so it is over (a connect starts its own).
    if (this.uplink === undefined) {
      this.streaming = undefined;
      return;
    }
    if (sync.tokens === undefined) sync.tokens = [...this.sessions.keys()];
    const tokens = sync.tokens;
    const record = sync.record;
    record.snapshotSize = tokens.length;
    const totalChunks = Math.max(1, Math.ceil(tokens.length / this.chunkSize));
    record.totalChunks = totalChunks;
    const sequence = record.chunksSent;
    // The reference's chunk loop never marks a chunk last: only a partial chunk after the loop is.
    if (this.faults.lastChunkNeverMarked && tokens.length === 0) {
      record.complete = true;
      this.streaming = undefined;
      return;
    }
    const sessions: ApiSession[] = [];
    const end = Math.min(tokens.length, (sequence + 1) * this.chunkSize);
    for (let i = sequence * this.chunkSize; i < end; i++) {
      // A session ended since the snapshot is left out; its removal went out already.
      const session = this.sessions.get(tokens[i] as string);
      if (session !== undefined) sessions.push(session);
    }
    const isLast =
      sequence === totalChunks - 1 && !(this.faults.lastChunkNeverMarked && tokens.length % this.chunkSize === 0);
    this.uplink.send(fullSyncChunk({ id: record.syncId, isLast, sequence }, sessions));
    record.chunksSent++;
    record.sessionsSent += sessions.length;
    if (sequence === totalChunks - 1) {
      record.complete = true;
      this.streaming = undefined;
    } else {
      this.scheduleChunk(sync);
    }
  }
}

/** The reason a resync request gives, if it gives one as text; a hostile body may be anything. */
function resyncReason(body: unknown): string {
  const reason = (body as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' ? reason : 'no reason';
}
