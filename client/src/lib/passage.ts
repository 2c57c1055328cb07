// Where the user's selection is in a source's text, in characters of the stored text: the text is drawn as plain text nodes (marks around some), so counting the text nodes' characters before a boundary gives its offset 1:1.

/** The selection's range as seen inside `root` (a shadow root): the composed ranges where the browser has them, else the shadow root's own selection. */
function rangeIn(root: ShadowRoot): AbstractRange | null {
  const selection = document.getSelection() as (Selection & { getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[] }) | null;
  if (selection && typeof selection.getComposedRanges === 'function') {
    if (selection.isCollapsed) return null;
    return selection.getComposedRanges({ shadowRoots: [root] })[0] ?? null;
  }
  const own = (root as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.();
  return own && !own.isCollapsed && own.rangeCount ? own.getRangeAt(0) : null;
}

/** Characters of text from the start of `container` to the boundary (node, offset): what a Range's toString() counts (comments and markers count nothing). */
function offsetTo(container: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The selected characters [start, end) of the text drawn in `container`, clamped to it (a selection that runs
 * past its ends stops at them); null when nothing in it is selected.
 */
export function selectedOffsets(root: ShadowRoot, container: HTMLElement): [number, number] | null {
  const range = rangeIn(root);
  if (!range) return null;
  const length = container.textContent?.length ?? 0;
  const inside = (node: Node) => container === node || container.contains(node);
  const startInside = inside(range.startContainer);
  const endInside = inside(range.endContainer);
  if (!startInside && !endInside) {
    // Around the whole text, or elsewhere: only the first counts.
    const around = range.startContainer.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_FOLLOWING && range.endContainer.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_PRECEDING;
    return around ? [0, length] : null;
  }
  const start = startInside ? offsetTo(container, range.startContainer, range.startOffset) : 0;
  const end = endInside ? offsetTo(container, range.endContainer, range.endOffset) : length;
  return end > start ? [start, end] : null;
}
