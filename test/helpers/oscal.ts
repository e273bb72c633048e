/** Reading back the OSCAL documents in tests: what a Markdown field shows, what could become markup, values by key. */

/** What a CommonMark renderer shows for text escaped by markdownLiteral(): the backslash escapes removed. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]#|~^$&<>:+=.)-])/g, '$1');
}

/** Markdown markers in the text that are not backslash-escaped: what could turn into markup. */
export function activeMarkup(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') { i++; continue; }
    if ('`*_{}[]#|~^$&<>'.includes(char)) found.push(char);
  }
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const marker = /^[ \t]*([-+=]|\d+[.)])/.exec(line);
    if (marker) found.push(marker[1]!);
  }
  return found;
}

/** Every OSCAL markup-line and markup-multiline value of a document, with where it is. */
export function markupFields(value: unknown, at = ''): Array<{ at: string; text: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => markupFields(v, `${at}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (
    typeof v === 'string'
      ? (['title', 'description', 'remarks', 'statement'].includes(key) ? [{ at: `${at}/${key}`, text: v }] : [])
      : markupFields(v, `${at}/${key}`)
  ));
}

/** Every value under `key`, anywhere in the document. */
export function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
