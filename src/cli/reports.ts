/**
 * Writing reports for `assess --format` and `report`: the formats asked for, under their fixed names
 * (DESIGN §7), each written atomically. A format that fails is reported and the others are still
 * written; when the PDF cannot be printed, the HTML report is written in its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Assessment } from '../engine/assessment.js';
import type { LoadedConfig } from '../config/project-config.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { sha256Hex } from '../lib/canonical-json.js';
import { printable } from '../lib/printable.js';
import { SUMS_FILE, formatSums, parseSums, readSumsFile, unsafeName } from '../lib/sha256sums.js';
import { displayPath } from '../lib/problem.js';
import { didYouMean } from '../lib/suggest.js';
import { REPORTERS } from '../reporters/index.js';
import { DEFAULT_PROFILE, REPORT_PROFILES, type ReportProfile } from '../reporters/profiles.js';
import { REPORT_FORMATS, type PaperSize, type RenderOptions, type ReportFormat } from '../reporters/types.js';
import { UsageError } from './exit-codes.js';
import { checkPathPrefix } from './path-prefix.js';
import { writeErr, writeJsonText, writeOut } from './text.js';

export interface ReportFlags {
  format?: string;
  paper?: PaperSize;
  profile?: ReportProfile;
  templates?: string;
  browser?: string;
  pathPrefix?: string;
  sarifCategory?: string;
  /** Commander's `--no-sandbox`: false when given. */
  sandbox?: boolean;
}

export function addReportOptions(command: Command, formatHelp: string): Command {
  return command
    .addOption(new Option('--format <formats>', `${formatHelp}: ${REPORT_FORMATS.join(', ')} (comma-separated)`))
    .addOption(new Option('--paper <size>', 'PDF paper size (default: the config\'s report.paper, else A4)').choices(['A4', 'Letter']))
    .addOption(new Option('--profile <profile>', 'what the PDF, HTML, Markdown and DOCX reports hold: executive (a few pages for a board), auditor (the executive part, then what needs attention, with appendices), full (everything) (default: the config\'s report.profile, else auditor)').choices([...REPORT_PROFILES]))
    .addOption(new Option('--templates <dir>', 'your own report.hbs, print.css and partials/*.hbs, each replacing the shipped one of the same name'))
    .addOption(new Option('--browser <path>', 'Chrome or Chromium that prints the PDF (default: PUPPETEER_EXECUTABLE_PATH, puppeteer\'s cache, then system paths)'))
    .addOption(new Option('--no-sandbox', 'start Chromium without its sandbox, for hosts that forbid it (Ubuntu 23.10+ AppArmor); the report runs no JavaScript and reaches no network'))
    .addOption(new Option('--path-prefix <dir>', 'where the assessed folder sits in the repository (e.g. services/agent), so SARIF paths start at the repository root as code scanning reads them'))
    .addOption(new Option('--sarif-category <category>', 'code scanning category of results.sarif (upload-sarif\'s category; default mcp-comply/<organisation>)'));
}

/** `pdf,md` -> formats in a fixed order (HTML before PDF, so the HTML is on disk if printing fails). */
export function parseFormats(list: string): ReportFormat[] {
  const asked = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of asked) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}"${didYouMean(f, REPORT_FORMATS)}; formats: ${REPORT_FORMATS.join(', ')}`);
  }
  const order: ReportFormat[] = ['html', 'pdf', 'md', 'docx', 'csv', 'sarif', 'oscal'];
  return order.filter((f) => asked.includes(f));
}

/** Flags over the config's `report:` section; config paths are relative to the config's folder. */
export function reportSettings(flags: ReportFlags, config: LoadedConfig | undefined): { formats: ReportFormat[]; options: RenderOptions } {
  const configured = config?.config.report;
  const base = config ? path.dirname(config.file) : process.cwd();
  const templates = flags.templates ? path.resolve(flags.templates) : configured?.templates ? path.resolve(base, configured.templates) : undefined;
  const pathPrefix = checkPathPrefix(flags.pathPrefix);
  const browser = flags.browser ? path.resolve(flags.browser) : configured?.browser ? path.resolve(base, configured.browser) : undefined;
  return {
    formats: flags.format !== undefined ? parseFormats(flags.format) : parseFormats((configured?.formats ?? []).join(',')),
    options: {
      paper: flags.paper ?? configured?.paper ?? 'A4',
      profile: flags.profile ?? configured?.profile ?? DEFAULT_PROFILE,
      ...(templates ? { templatesDir: templates } : {}),
      ...(browser ? { browserPath: browser } : {}),
      ...(pathPrefix ? { pathPrefix } : {}),
      ...(flags.sarifCategory?.trim() ? { sarifCategory: flags.sarifCategory.trim() } : {}),
      ...(flags.sandbox === false ? { sandbox: false } : {}),
      log: (message) => writeErr(`${message}\n`),
    },
  };
}

export interface WrittenReports {
  written: string[];
  /** The sha256 of each file written (by its path), hashed from the bytes written: what SHA256SUMS records. */
  digests: Map<string, string>;
  /** Formats that could not be made, with why; the command exits 2. */
  failed: Array<{ format: ReportFormat; message: string }>;
}

/**
 * Renders each format and writes its files into `dir`, or the one file of a single format to `output`
 * (`-`: stdout).
 */
export async function writeReports(
  assessment: Assessment, formats: ReportFormat[], options: RenderOptions, target: { dir: string; output?: string },
): Promise<WrittenReports> {
  const result: WrittenReports = { written: [], digests: new Map(), failed: [] };
  const dir = target.output && target.output !== '-' ? path.dirname(path.resolve(target.output)) : target.dir;
  const write = (name: string, content: string | Uint8Array, file = target.output ? path.resolve(target.output) : path.join(dir, name)) => {
    writeFileAtomic(file, content);
    result.written.push(file);
    result.digests.set(file, sha256Hex(content));
  };
  for (const format of formats) {
    try {
      const files = await (await REPORTERS[format]()).render(assessment, options);
      for (const file of files) target.output === '-' ? writeToStdout(format, file.content) : write(file.name, file.content);
    } catch (error) {
      result.failed.push({ format, message: (error as Error).message });
      options.log(`mcp-comply: ${format} report not written: ${(error as Error).message}`);
      // Without a browser (or one that will not start) there is no PDF, but the same report as HTML is still worth having.
      if (format === 'pdf' && !formats.includes('html')) {
        try {
          for (const file of await (await REPORTERS.html()).render(assessment, options)) write(file.name, file.content, path.join(dir, file.name));
          options.log(`mcp-comply: wrote the HTML report instead: ${displayPath(path.join(dir, 'report.html'))}`);
        } catch {
          // The HTML failed as well (a broken template): the error above already says why.
        }
      }
    }
  }
  return result;
}

/**
 * Writes DIR/SHA256SUMS (DESIGN §7), atomically: the files `fresh` names (name -> sha256, written into
 * DIR just now) and, with `keepListed`, the entries of the SHA256SUMS already there whose files are
 * still in DIR and were not written again: their recorded digest is kept, not recomputed, so a report
 * altered since it was listed still fails `verify`. `listIfMissing` adds files (the assessment the
 * reports were made from) only where no entry names them yet. The result lists exactly the reports in
 * the folder that mcp-comply wrote. Unusable lines of the old file are dropped, each said on stderr.
 */
export function writeReportSums(
  dir: string,
  fresh: ReadonlyMap<string, string>,
  options: { keepListed: boolean; listIfMissing?: ReadonlyMap<string, string>; log: (message: string) => void },
): { file: string; count: number } {
  const file = path.join(dir, SUMS_FILE);
  const entries = new Map<string, string>();
  const existing = options.keepListed ? readSumsFile(file) : undefined;
  if (existing && !existing.ok) options.log(`mcp-comply: ${displayPath(file)} cannot be read (${existing.refusal.reason}): written anew`);
  if (existing?.ok) {
    const { entries: listed, problems } = parseSums(existing.text);
    for (const problem of problems) options.log(`mcp-comply: ${displayPath(file)}:${problem.line}: ${problem.reason}: the line is dropped`);
    for (const [name, digest] of listed) if (!fresh.has(name) && isRegularFile(path.join(dir, name))) entries.set(name, digest);
  }
  for (const [name, digest] of options.listIfMissing ?? []) if (!entries.has(name) && !fresh.has(name)) entries.set(name, digest);
  for (const [name, digest] of fresh) {
    // Only a name given with --output can be one that SHA256SUMS cannot list (a line break in it).
    const unsafe = unsafeName(name);
    if (unsafe) options.log(`mcp-comply: ${printable(name)} is not listed in ${displayPath(file)}: ${unsafe}`);
    else entries.set(name, digest);
  }
  writeFileAtomic(file, formatSums(entries));
  return { file, count: entries.size };
}

/** The digests of the files written straight into `dir`, by file name. */
export function digestsIn(dir: string, digests: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...digests].filter(([file]) => path.dirname(file) === dir).map(([file, digest]) => [path.basename(file), digest]));
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * A report on stdout (`--output -`): SARIF as the same JSON value, Markdown and HTML through the
 * writer of human text (their escapers already keep untrusted text inert; this is the backstop).
 */
function writeToStdout(format: ReportFormat, content: string | Uint8Array): void {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  if (format === 'sarif') writeJsonText(text);
  else writeOut(text);
}

/** `--output` names one file: refuse it for several formats, and for a format that makes several files (CSV, OSCAL). */
export async function checkOutput(output: string | undefined, formats: ReportFormat[]): Promise<void> {
  if (output === undefined) return;
  if (formats.length !== 1) throw new UsageError('--output names one file: give exactly one --format (or use --out DIR for several)');
  // The checksums and the assessment they vouch for are never a report's target: writing over them loses what verify needs.
  if (output !== '-' && [SUMS_FILE, 'assessment.json'].includes(path.basename(output))) {
    throw new UsageError(`--output ${output}: ${path.basename(output)} is not a report's file; name the report's own file (e.g. report.md) or use --out DIR`);
  }
  const format = formats[0]!;
  const { files } = await REPORTERS[format]();
  if (files.length > 1) throw new UsageError(`the ${format} format writes ${files.length} files (${files.join(', ')}): use --out DIR instead of --output`);
  if (output === '-' && (format === 'pdf' || format === 'docx')) throw new UsageError(`a ${format === 'pdf' ? 'PDF' : 'DOCX'} cannot go to stdout: give --output FILE or --out DIR`);
}
