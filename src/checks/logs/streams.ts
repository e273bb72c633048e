/**
 * Log streams: the files one logger writes over time. Rotation renames a log (`gateway.log` ->
 * `gateway.log.1` -> `gateway.log.2.gz`, or `gateway-20261101.log`), so retention is a property of
 * the stream, not of one file. Pure: it works on display paths only.
 *
 * The rule: files are one stream when they sit in the same folder and their names are equal once
 * rotation marks are removed, repeatedly, in this order:
 *   1. a `.gz` extension                          gateway.log.2.gz      -> gateway.log.2
 *   2. a trailing index `.N`                      gateway.log.2         -> gateway.log
 *   3. a trailing date `-D`, `.D` or `_D`         gateway.log-20261101  -> gateway.log
 *                                                 gateway.log.2026-11-01 -> gateway.log
 *   4. a date just before the last extension      gateway-20261101.log  -> gateway.log
 *                                                 audit.2026-11-01.jsonl -> audit.jsonl
 * where a date D is YYYYMMDD, YYYYMMDDHH (hourly logrotate) or YYYY-MM-DD, with a year 19xx or 20xx.
 * A name that is only a date (`2026-11-01.log`) joins the stream `{date}.log` of its folder.
 * Not treated as rotation (so kept apart): an index before the extension (`gateway.1.log`,
 * `gateway-1.log`), which as often names a separate instance as a rotated file.
 */
import path from 'node:path';

const DATE = String.raw`(?:19|20)\d{2}(?:\d{4}(?:\d{2})?|-\d{2}-\d{2})`;
const GZIP = /\.gz$/i;
const TRAILING_INDEX = /\.\d+$/;
const TRAILING_DATE = new RegExp(String.raw`[-._]${DATE}$`);
const DATE_BEFORE_EXTENSION = new RegExp(String.raw`[-._]${DATE}(\.[A-Za-z][A-Za-z0-9]*)$`);
const DATE_ONLY = new RegExp(String.raw`^${DATE}(\.[A-Za-z][A-Za-z0-9]*)?$`);

const STRIPS: Array<(name: string) => string> = [
  (name) => name.replace(GZIP, ''),
  (name) => name.replace(TRAILING_INDEX, ''),
  (name) => name.replace(TRAILING_DATE, ''),
  (name) => name.replace(DATE_BEFORE_EXTENSION, '$1'),
];

/** The file name without rotation marks: `gateway.log.2.gz` -> `gateway.log`. */
export function streamName(fileName: string): string {
  let name = fileName;
  for (let previous = ''; name !== previous;) {
    previous = name;
    // One mark at a time, first match wins, so `x.log.1.gz` loses `.gz` then `.1`.
    for (const strip of STRIPS) {
      const stripped = strip(name);
      if (stripped !== name && stripped.length > 0) {
        name = stripped;
        break;
      }
    }
  }
  const dateOnly = DATE_ONLY.exec(name);
  return dateOnly ? `{date}${dateOnly[1] ?? ''}` : name;
}

/** The stream a log file belongs to: its folder and stream name (`logs/gateway.log`), POSIX style. */
export function streamOf(filePath: string): string {
  const dir = path.posix.dirname(filePath);
  const name = streamName(path.posix.basename(filePath));
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Files grouped by stream, streams in name order, files in the order given. */
export function groupStreams<T>(files: readonly T[], pathOf: (file: T) => string): Array<{ stream: string; files: T[] }> {
  const streams = new Map<string, T[]>();
  for (const file of files) {
    const stream = streamOf(pathOf(file));
    const members = streams.get(stream);
    if (members) members.push(file);
    else streams.set(stream, [file]);
  }
  return [...streams.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([stream, members]) => ({ stream, files: members }));
}
