/** The part of a Babel node the text ignorer reads. */
export interface SyntaxNode {
  readonly type: string;
  readonly name?: string;
  readonly callee?: SyntaxNode;
  readonly property?: SyntaxNode;
  readonly key?: SyntaxNode;
  readonly id?: SyntaxNode | null;
  readonly left?: SyntaxNode;
  readonly object?: SyntaxNode;
}

/** The part of a Babel path the text ignorer reads (Stryker passes the real one). */
export interface SyntaxPath {
  readonly node: SyntaxNode;
  readonly parentPath: SyntaxPath | null;
  readonly key: string | number | null;
  readonly listKey?: string | null | undefined;
}

/** Why the code at `path` is text no code acts on, or undefined when it may matter. */
export function textReason(path: SyntaxPath): string | undefined;

export const strykerPlugins: readonly {
  readonly kind: 'Ignore';
  readonly name: 'text';
  readonly value: { shouldIgnore(path: SyntaxPath): string | undefined };
}[];
