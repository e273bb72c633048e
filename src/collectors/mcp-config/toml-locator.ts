/**
 * Source offsets for a TOML document that smol-toml has already accepted: table headers
 * (`[mcp_servers.fs]`, `[mcp_servers."my server".env]`, `[[x]]`), `key = value` lines (dotted keys
 * too), and the elements of arrays and inline tables. Keys of the returned map are the value's path
 * joined by NUL (`mcp_servers\0fs\0args\00`); implicit parent tables get the position of their
 * first mention. The scan only needs to be right on valid TOML.
 */

export interface TomlSpot {
  /** Offset of the key (or the `[` of a table header). */
  key: number;
  /** Offset of the value (or of the header for a table). */
  value: number;
}

export function locateToml(text: string): Map<string, TomlSpot> {
  const spots = new Map<string, TomlSpot>();
  const arrayTables = new Map<string, number>();
  const n = text.length;
  let i = 0;
  let table: Array<string | number> = [];

  const id = (path: ReadonlyArray<string | number>) => path.map(String).join('\u0000');
  const record = (path: ReadonlyArray<string | number>, spot: TomlSpot) => {
    // Parents that are only implied (`[a.b.c]` without `[a.b]`) take their first mention.
    for (let k = 1; k < path.length; k++) {
      const parent = id(path.slice(0, k));
      if (!spots.has(parent)) spots.set(parent, { key: spot.key, value: spot.key });
    }
    if (!spots.has(id(path))) spots.set(id(path), spot);
  };
  const skipSpaces = () => { while (i < n && (text[i] === ' ' || text[i] === '\t')) i++; };
  const skipToLineEnd = () => { while (i < n && text[i] !== '\n') i++; };
  /** Whitespace, newlines and comments (inside arrays). */
  const skipBlank = () => {
    for (;;) {
      while (i < n && /[ \t\r\n]/.test(text[i]!)) i++;
      if (text[i] === '#') { skipToLineEnd(); continue; }
      return;
    }
  };

  const readString = (): string => {
    const quote = text[i]!;
    const triple = text.startsWith(quote.repeat(3), i);
    if (triple) {
      const close = text.indexOf(quote.repeat(3), i + 3);
      let end = close < 0 ? n : close + 3;
      // A closing delimiter may carry up to two extra quotes (`""""` ends with one in the content).
      while (end < n && text[end] === quote && end - (close + 3) < 2) end++;
      const body = text.slice(i + 3, end - 3);
      i = end;
      return body;
    }
    let out = '';
    i++;
    while (i < n && text[i] !== quote && text[i] !== '\n') {
      if (quote === '"' && text[i] === '\\') {
        const next = text[i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', e: '\x1b' };
        if (next !== undefined && simple[next] !== undefined) { out += simple[next]; i += 2; continue; }
        if (next === 'u' || next === 'U' || next === 'x') {
          const width = next === 'u' ? 4 : next === 'U' ? 8 : 2;
          out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + width), 16) || 0);
          i += 2 + width;
          continue;
        }
      }
      out += text[i];
      i++;
    }
    i++;
    return out;
  };

  const readKey = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      if (text[i] === '"' || text[i] === "'") parts.push(readString());
      else {
        const start = i;
        while (i < n && /[A-Za-z0-9_-]/.test(text[i]!)) i++;
        if (i === start) return parts;
        parts.push(text.slice(start, i));
      }
      skipSpaces();
      if (text[i] !== '.') return parts;
      i++;
    }
  };

  const readValue = (path: Array<string | number>): void => {
    const c = text[i];
    if (c === '"' || c === "'") { readString(); return; }
    if (c === '[') {
      i++;
      let index = 0;
      for (;;) {
        skipBlank();
        if (i >= n) return;
        if (text[i] === ']') { i++; return; }
        if (text[i] === ',') { i++; continue; }
        const start = i;
        record([...path, index], { key: start, value: start });
        readValue([...path, index]);
        index++;
        if (i === start) i++;
      }
    }
    if (c === '{') {
      i++;
      for (;;) {
        skipSpaces();
        if (i >= n || text[i] === '\n') return;
        if (text[i] === '}') { i++; return; }
        if (text[i] === ',') { i++; continue; }
        const keyStart = i;
        const key = readKey();
        skipSpaces();
        if (text[i] !== '=' || key.length === 0) { i++; continue; }
        i++;
        skipSpaces();
        record([...path, ...key], { key: keyStart, value: i });
        const before = i;
        readValue([...path, ...key]);
        if (i === before) i++;
      }
    }
    while (i < n && !/[,\]}\n#]/.test(text[i]!)) i++;
  };

  while (i < n) {
    skipBlank();
    if (i >= n) break;
    const start = i;
    if (text[i] === '[') {
      const isArrayTable = text[i + 1] === '[';
      i += isArrayTable ? 2 : 1;
      const key = readKey();
      if (isArrayTable) {
        const count = arrayTables.get(id(key)) ?? 0;
        arrayTables.set(id(key), count + 1);
        table = [...key, count];
      } else table = key;
      record(table, { key: start, value: start });
      skipToLineEnd();
      continue;
    }
    const key = readKey();
    skipSpaces();
    if (key.length === 0 || text[i] !== '=') { skipToLineEnd(); continue; }
    i++;
    skipSpaces();
    const path = [...table, ...key];
    record(path, { key: start, value: i });
    readValue(path);
    skipToLineEnd();
  }
  return spots;
}
