// @ts-check
/**
 * Stryker's ignore plugin for the mutation run (stryker.config.mjs: `appendPlugins`,
 * `ignorers: ['text']`): mutants of text a person reads and no code acts on (an error's
 * detail, a task's label, a resync's reason) are reported as ignored, each with the
 * reason below, rather than counted as survivors. Only the text goes: an error's code,
 * an event's type, a tracker's state are still mutated. Plain JavaScript: Stryker loads
 * it in its own processes, which do not compile TypeScript. Types: textIgnorer.d.mts.
 */

const ERROR_DETAIL =
  "a protocol error's detail is text for a person; its code is what the router counts and the properties judge";
const TASK_LABEL = "a task's or timer's label names it in traces and replays; nothing acts on it";
const ENDED_LABEL = 'the label of an object whose life ended names it in a report; freed judges the object itself';
const RESYNC_REASON = "a resync's reason is text for logs; the controller starts the same full sync whatever it says";
const EVENT_DETAIL = "an event's detail is text for a person; observers act on its type and its other fields";
const THROWN_MESSAGE = "the message of an error thrown at a caller's mistake is text; the router never makes one";

/**
 * Calls whose argument at an index is text only, by the name of the function or method called.
 * @type {Readonly<Record<string, readonly (readonly [number, string])[]>>}
 */
const TEXT_ARGUMENTS = {
  ProtocolError: [[1, ERROR_DETAIL]],
  malformedHeaders: [[0, ERROR_DETAIL]],
  // Error's own constructor: the message of a protocol error is made of its detail and code.
  super: [[0, ERROR_DETAIL]],
  spawn: [[0, TASK_LABEL]],
  setTimer: [[0, TASK_LABEL]],
  ended: [[2, ENDED_LABEL]],
  // SyncTracker's timerEnded(timer, what) and chunksEnded(how): the words of an ended object's label.
  timerEnded: [[1, ENDED_LABEL]],
  chunksEnded: [[0, ENDED_LABEL]],
  // SyncReceiveLoop's release(tracker, why): why goes into the release's detail and the tracker's label only.
  release: [[1, EVENT_DETAIL]],
  requestResync: [[0, RESYNC_REASON]],
  startFullSync: [[0, RESYNC_REASON]],
  // SyncReceiveLoop's fail(tracker, reason, cause): the cause is judged, the reason is not.
  fail: [[1, RESYNC_REASON]],
};

/**
 * Properties of object literals whose value is text only.
 * @type {Readonly<Record<string, string>>}
 */
const TEXT_PROPERTIES = { detail: EVENT_DETAIL, reason: RESYNC_REASON };

/** Functions that only build text: a protocol error's detail, a task's label. */
const TEXT_FUNCTIONS = new Set(['kindOf', 'quote', 'describeRequest']);
const ERROR_NAME = "an error's name is text in its message; code tells errors apart by class and code";

/** @param {import('./textIgnorer.d.mts').SyntaxNode | undefined} callee */
function calleeName(callee) {
  if (callee?.type === 'Identifier') return callee.name;
  if (callee?.type === 'Super') return 'super';
  const member = callee?.type === 'MemberExpression' || callee?.type === 'OptionalMemberExpression';
  if (member && callee.property?.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** `this.name`, as an error's constructor sets it. @param {import('./textIgnorer.d.mts').SyntaxNode | undefined} node */
function isThisName(node) {
  return node?.type === 'MemberExpression' && node.object?.type === 'ThisExpression' && node.property?.name === 'name';
}

/** @type {import('./textIgnorer.d.mts').textReason} */
export function textReason(path) {
  if (path.node.type === 'FunctionDeclaration' && TEXT_FUNCTIONS.has(path.node.id?.name ?? '')) return ERROR_DETAIL;
  const parent = path.parentPath?.node;
  if (parent === undefined) return undefined;
  if (path.key === 'right' && parent.type === 'AssignmentExpression' && isThisName(parent.left)) return ERROR_NAME;
  if (path.listKey === 'arguments' && typeof path.key === 'number') {
    // `a?.b(...)` is an optional call in Babel's tree.
    const call = ['CallExpression', 'OptionalCallExpression', 'NewExpression'].includes(parent.type);
    if (!call) return undefined;
    const name = calleeName(parent.callee);
    if (name === undefined) return undefined;
    // Own names only: a call of `constructor` or `toString` must not find Object's.
    const texts = Object.hasOwn(TEXT_ARGUMENTS, name) ? TEXT_ARGUMENTS[name] : undefined;
    const reason = texts?.find(([index]) => index === path.key)?.[1];
    if (reason !== undefined) return reason;
    if (parent.type === 'NewExpression' && name.endsWith('Error') && name !== 'ProtocolError' && path.key === 0) {
      return THROWN_MESSAGE;
    }
    return undefined;
  }
  if (path.key === 'value' && parent.type === 'ObjectProperty' && parent.key?.type === 'Identifier') {
    const name = parent.key.name;
    return name !== undefined && Object.hasOwn(TEXT_PROPERTIES, name) ? TEXT_PROPERTIES[name] : undefined;
  }
  return undefined;
}

export const strykerPlugins = [{ kind: 'Ignore', name: 'text', value: { shouldIgnore: textReason } }];
