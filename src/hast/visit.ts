import type { Element, Root, RootContent } from 'hast';

/**
 * `unist-util-visit` for hast, without its per-node cost. The library builds two closures per
 * node and renames one of them (for stack traces), which made tree walking the largest single
 * cost of normalization; this walker has the same order and the same visitor protocol:
 * return `SKIP` to leave the node's children out, `EXIT` to stop, an index to continue at
 * (after removing or inserting siblings), or `[action, index]`.
 */
export const CONTINUE = true;
export const EXIT = false;
export const SKIP = 'skip';

type Action = typeof CONTINUE | typeof EXIT | typeof SKIP;
export type VisitResult = Action | number | [Action, number?] | [Action] | void | undefined;
type Node = Root | RootContent;
export type ParentNode = Root | Element;

export function visit(tree: Node, visitor: (node: Node, index: number | undefined, parent: ParentNode | undefined) => VisitResult): void;
export function visit(tree: Node, test: 'element', visitor: (node: Element, index: number | undefined, parent: ParentNode | undefined) => VisitResult): void;
export function visit(
  tree: Node,
  testOrVisitor: 'element' | ((node: Node, index: number | undefined, parent: ParentNode | undefined) => VisitResult),
  elementVisitor?: (node: Element, index: number | undefined, parent: ParentNode | undefined) => VisitResult,
): void {
  const onlyElements = typeof testOrVisitor === 'string';
  const visitor = (onlyElements ? elementVisitor! : testOrVisitor) as (node: Node, index: number | undefined, parent: ParentNode | undefined) => VisitResult;

  const one = (node: Node, index: number | undefined, parent: ParentNode | undefined): [Action | undefined, number?] => {
    let result: [Action | undefined, number?] = [undefined];
    if (!onlyElements || node.type === 'element') {
      result = toResult(visitor(node, index, parent));
      if (result[0] === EXIT) return result;
    }
    if ('children' in node && node.children && result[0] !== SKIP) {
      let offset = 0;
      while (offset > -1 && offset < node.children.length) {
        const sub = one(node.children[offset]!, offset, node);
        if (sub[0] === EXIT) return sub;
        offset = typeof sub[1] === 'number' ? sub[1] : offset + 1;
      }
    }
    return result;
  };
  one(tree, undefined, undefined);
}

function toResult(value: VisitResult): [Action | undefined, number?] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'number') return [CONTINUE, value];
  return value === null || value === undefined ? [undefined] : [value];
}
