import { seconds } from './SessionModel.js';

/** A call that handed the store session data: a save of a new version, or a touch carrying the data its request loaded. */
interface Handed {
  readonly by: 'set' | 'touch';
  readonly sid: string;
  readonly at: number;
}

/**
 * Where each version of session data came from, so that a wrong answer can say how the
 * store came to hold it: every `set` makes a new version; every `touch` carries the
 * version its request loaded (0 when it loaded none), as express-session's touch does.
 */
export class AnswerOrigins {
  private readonly handed = new Map<number, Handed[]>();

  record(version: number, by: Handed['by'], sid: string, at: number): void {
    this.handed.set(version, [...(this.handed.get(version) ?? []), { by, sid, at }]);
  }

  /**
   * Where `version`, answered for `sid`, came from, and what that says about the store.
   * `live` is the version the model holds live for `sid`, if any. Undefined when there is
   * nothing to add: the version was saved for `sid`, never replaced and no touch carried it.
   */
  explain(sid: string, version: number, live: { version: number } | undefined): string | undefined {
    const calls = this.handed.get(version) ?? [];
    const saved = calls.find((call) => call.by === 'set');
    const touches = calls.filter((call) => call.by === 'touch' && call.sid === sid);
    const carried =
      touches.length > 0 ? ` (${touches.map((t) => `touch ${t.sid} at ${seconds(t.at)}`).join(', ')})` : '';
    if (saved === undefined) {
      return touches.length > 0
        ? `version ${version} was never saved: it is the data a touch carried${carried}, so this store's touch writes session data; a request that only touched overwrote one that saved`
        : `version ${version} was never handed to the store`;
    }
    const origin = `version ${version} was saved by set ${saved.sid} at ${seconds(saved.at)}`;
    if (saved.sid !== sid) return `${origin}, for another session than ${sid}`;
    if (live !== undefined && live.version > version) {
      return touches.length > 0
        ? `${origin} and replaced by version ${live.version}; a touch carried version ${version}${carried}, so this store's touch writes session data: it undid the newer save`
        : `${origin} and replaced by version ${live.version}, which the store lost`;
    }
    return touches.length > 0
      ? `${origin}; a touch carried it too${carried}, so this store's touch writes session data and can bring back a session that is gone`
      : undefined;
  }
}
