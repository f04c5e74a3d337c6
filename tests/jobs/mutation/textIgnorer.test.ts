// The parser Stryker's instrumenter uses (a dependency of @stryker-mutator/core), so the paths are real ones.
import { parse } from '@babel/parser';
import { describe, expect, test } from 'vitest';
import type { SyntaxNode, SyntaxPath } from '../../../properties/support/mutation/textIgnorer.mjs';
import { textReason } from '../../../properties/support/mutation/textIgnorer.mjs';

type AnyNode = SyntaxNode & Record<string, unknown>;

const isNode = (value: unknown): value is AnyNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Every path of `code` in source order, as Babel would visit them, with the source text of each. */
function paths(code: string): { readonly text: string; readonly path: SyntaxPath }[] {
  const file = parse(code, { sourceType: 'module', plugins: ['typescript'] });
  const found: { text: string; path: SyntaxPath }[] = [];
  const visit = (node: AnyNode, parentPath: SyntaxPath | null, key: string | number | null, listKey?: string) => {
    const path: SyntaxPath = { node, parentPath, key, listKey };
    const { start, end } = node as unknown as { start: number; end: number };
    found.push({ text: code.slice(start, end), path });
    for (const [name, value] of Object.entries(node)) {
      if (name === 'loc' || name === 'extra') continue;
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (isNode(item)) visit(item, path, i, name);
        });
      } else if (isNode(value)) visit(value, path, name);
    }
  };
  visit(file.program as unknown as AnyNode, null, null);
  return found;
}

/** The source text of every outermost node the ignorer ignores (Stryker ignores what is inside too). */
function ignored(code: string): string[] {
  const texts: string[] = [];
  let inside: SyntaxPath | undefined;
  for (const { text, path } of paths(code)) {
    if (inside !== undefined && isWithin(path, inside)) continue;
    inside = undefined;
    if (textReason(path) !== undefined) {
      texts.push(text);
      inside = path;
    }
  }
  return texts;
}

function isWithin(path: SyntaxPath, ancestor: SyntaxPath): boolean {
  for (let p: SyntaxPath | null = path; p !== null; p = p.parentPath) if (p === ancestor) return true;
  return false;
}

describe('the text ignorer of the mutation run', () => {
  test('ignores the functions that only build the text of a detail, and the error message made of it', () => {
    expect(
      ignored(
        `function kindOf(value) { return value === null ? 'null' : 'a list'; } class ProtocolError extends Error { constructor(code, detail) { super(\`\${detail} (\${code})\`); this.name = 'ProtocolError'; } }`,
      ),
    ).toEqual([
      `function kindOf(value) { return value === null ? 'null' : 'a list'; }`,
      `\`\${detail} (\${code})\``,
      `'ProtocolError'`,
    ]);
  });

  test("ignores an error's name and a request's description, not other assignments", () => {
    expect(
      ignored(
        "function describeRequest(r) { return r ? 'chunk' : 'nothing'; } this.name = 'ControllerInputError'; this.state = 'collecting'; other.name = 'x';",
      ),
    ).toEqual(["function describeRequest(r) { return r ? 'chunk' : 'nothing'; }", "'ControllerInputError'"]);
  });

  test("ignores a protocol error's detail and keeps its code and index", () => {
    expect(
      ignored(`fail(new ProtocolError('duplicate-chunk', \`sync \${id} sent chunk \${seq} twice\`, index));`),
    ).toEqual([`\`sync \${id} sent chunk \${seq} twice\``]);
  });

  test("ignores task labels and ended objects' labels, never the work or the object", () => {
    expect(
      ignored(
        `runtime.spawn(() => \`handle \${m}\`, () => this.handle(m)); runtime.setTimer(\`tick \${id}\`, ms, tick); events.ended('tracker', tracker, \`tracker of \${id}, failed\`);`,
      ),
    ).toEqual([`() => \`handle \${m}\``, `\`tick \${id}\``, `\`tracker of \${id}, failed\``]);
  });

  test('ignores the same text in an optional call, and keeps its other arguments', () => {
    expect(ignored(`this.events?.ended('post-sync batch', item.sessions, \`data of \${id}, dropped\`);`)).toEqual([
      `\`data of \${id}, dropped\``,
    ]);
  });

  test("ignores a resync's reason and an event's detail, but not its type or effect", () => {
    expect(
      ignored(
        `this.fail(t, \`sync \${t.syncId} missed its deadline\`, 'deadline'); this.requestResync(reason); events.emit({ type: 'effect', effect: 'resync requested', detail: reason });`,
      ),
    ).toEqual([`\`sync \${t.syncId} missed its deadline\``, 'reason', 'reason']);
  });

  test("ignores the message of an error thrown at a caller's mistake", () => {
    expect(ignored(`throw new ControllerInputError(\`chunk size must be a positive integer, got \${n}\`);`)).toEqual([
      `\`chunk size must be a positive integer, got \${n}\``,
    ]);
  });

  test('keeps everything the router acts on', () => {
    expect(
      ignored(
        "value.toString('x'); value.constructor('y'); if (state.id > this.syncId) this.open(state.id); counters.syncsFailed++; const verdict = { kind: 'error', code: 'duplicate-chunk', poisons: false }; queue.push({ kind: 'fail', syncId });",
      ),
    ).toEqual([]);
  });
});
