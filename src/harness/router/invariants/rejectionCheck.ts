import type { PendingWork, VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { ApiSession, WireMessage } from '../../../session/messages.js';
import { PROTOCOL_ERROR_CODES } from '../../../session/ProtocolError.js';
import type { Router } from '../../../session/Router.js';
import type { AdversarialHandling } from '../RouterScenario.js';

interface RouterMark {
  /** The cache by token, each session the very object cached. */
  readonly cache: ReadonlyMap<string, ApiSession>;
  readonly protocolErrors: number;
  readonly handlerCrashes: number;
  readonly queueLength: number;
  /** The index the router gives the next message it receives. */
  readonly nextIndex: number;
}

/**
 * `robustness`'s observer: it stands between the channel and the router and checks every
 * adversarial message as it is handled: exactly one typed error for it, no handler crash,
 * the cache exactly as it was (same tokens, same session objects) and nothing queued for
 * the receive loop but the failure of a sync the error names. Where the profile hands
 * each message to a task of its own, the check wraps that task.
 */
export class RejectionCheck implements AdversarialHandling {
  readonly violations: string[] = [];
  /** Handling tasks not run yet: task id → the message they handle. */
  private readonly deferred = new Map<number, { readonly what: string; readonly index: number }>();

  constructor(
    private readonly router: Router,
    private readonly runtime: VirtualRuntime,
  ) {}

  /** Adversarial messages delivered whose handling task has not run yet. */
  uncheckedCount(): number {
    return this.deferred.size;
  }

  /** Runs the runnable item at `index`, checking it when it handles an adversarial message. */
  runAt(index: number): PendingWork {
    // Listing the runnable work describes each item: only worth it while a handling task waits.
    if (this.deferred.size === 0) return this.runtime.runAt(index);
    const id = this.runtime.runnable()[index]?.id;
    const pending = id === undefined ? undefined : this.deferred.get(id);
    if (id === undefined || pending === undefined) return this.runtime.runAt(index);
    this.deferred.delete(id);
    const before = this.mark();
    try {
      return this.runtime.runAt(index);
    } finally {
      this.verify(before, pending.what, pending.index);
    }
  }

  deliver(message: WireMessage, what: string): void {
    const before = this.mark();
    const tasksBefore = this.router.faults.messagesHandledOutOfOrder ? this.taskIds() : undefined;
    this.router.receive(message);
    if (tasksBefore !== undefined) {
      const spawned = [...this.taskIds()].filter((id) => !tasksBefore.has(id));
      if (spawned.length === 1 && spawned[0] !== undefined) {
        this.deferred.set(spawned[0], { what, index: before.nextIndex });
        return;
      }
    }
    this.verify(before, what, before.nextIndex);
  }

  private verify(before: RouterMark, what: string, index: number): void {
    const after = this.mark();
    const subject = `${what} (message ${index})`;
    if (after.handlerCrashes > before.handlerCrashes) {
      const crash = this.router.recentProtocolErrors().at(-1)?.detail ?? 'no detail';
      this.violations.push(`${subject} crashed a handler: ${crash}`);
      return;
    }
    const errors = after.protocolErrors - before.protocolErrors;
    const error = this.router.recentProtocolErrors().at(-1);
    if (errors !== 1 || error?.messageIndex !== index) {
      this.violations.push(`${subject} got ${errors} protocol error(s) of its own; expected exactly one`);
      return;
    }
    if (!PROTOCOL_ERROR_CODES.includes(error.code)) {
      this.violations.push(`${subject} was rejected with code "${error.code}", which is none of the router's codes`);
      return;
    }
    const change = cacheChange(before.cache, after.cache);
    if (change !== undefined) {
      this.violations.push(`${subject} was rejected (${error.code}) but changed the cache: ${change}`);
      return;
    }
    const queued = after.queueLength - before.queueLength;
    if (queued > 1 || (queued === 1 && error.syncId === undefined)) {
      this.violations.push(
        `${subject} was rejected (${error.code}) but queued ${queued} request(s) for the receive loop`,
      );
    }
  }

  private mark(): RouterMark {
    const stats = this.router.stats();
    return {
      cache: new Map(this.router.state.allSessions().map((session) => [session.token, session])),
      protocolErrors: stats.protocolErrors,
      handlerCrashes: stats.handlerCrashes,
      queueLength: stats.queueLength,
      nextIndex: stats.messagesReceived + 1,
    };
  }

  private taskIds(): Set<number> {
    return new Set(
      this.runtime
        .pending()
        .filter((work) => work.kind === 'task')
        .map((work) => work.id),
    );
  }
}

function cacheChange(
  before: ReadonlyMap<string, ApiSession>,
  after: ReadonlyMap<string, ApiSession>,
): string | undefined {
  const added = [...after.keys()].filter((token) => !before.has(token));
  const removed = [...before.keys()].filter((token) => !after.has(token));
  const replaced = [...after.keys()].filter((token) => before.has(token) && before.get(token) !== after.get(token));
  if (added.length + removed.length + replaced.length === 0) return undefined;
  const parts = [
    added.length > 0 ? `added ${added.join(', ')}` : '',
    removed.length > 0 ? `removed ${removed.join(', ')}` : '',
    replaced.length > 0 ? `replaced ${replaced.join(', ')}` : '',
  ];
  return parts.filter((part) => part !== '').join('; ');
}
