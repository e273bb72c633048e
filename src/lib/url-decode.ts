/** A part of a URL decoded as a query is (`+` is a space); text that is not valid percent-encoding stays as written. */
export function decodeUrlComponent(text: string): string {
  try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch { return text; }
}
