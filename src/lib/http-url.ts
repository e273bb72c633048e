/** Links and endpoints from user input: only http(s) ever becomes a link or is called (no javascript:, data:, file:). */

/** The parsed URL when `text` is an absolute http(s) URL, else undefined. */
export function httpUrlOf(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
