// The caption rule for a label nobody declared (a foreign database, an inferred model): which text property names its nodes.

/** `name`, then `title`, then the text property most often filled; undefined when there is no text property. */
export function chooseCaption(textProperties: readonly { key: string; seen: number }[]): string | undefined {
  for (const preferred of ['name', 'title']) if (textProperties.some((p) => p.key === preferred)) return preferred;
  return [...textProperties].sort((a, b) => b.seen - a.seen)[0]?.key;
}
