/** Text for XML and HTML markup made by hand (SVG charts, the PDF's running header), not by Handlebars. */

/** Escapes the five XML specials; characters XML cannot carry at all (NUL, lone surrogates, ...) become U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
