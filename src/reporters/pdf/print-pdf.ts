/**
 * Prints a self-contained HTML report to PDF with a local Chrome or Chromium (puppeteer-core, which
 * never downloads one). The HTML carries untrusted text (finding messages, server and tool names), so
 * the page runs no JavaScript and can reach no network: requests other than data: URLs are aborted,
 * and the browser itself is started with a resolver and proxy that lead nowhere, in case anything
 * slips past the interception.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { escapeXml } from '../../lib/escape-xml.js';
import type { PaperSize } from '../types.js';

export interface PrintPdfOptions {
  executablePath: string;
  paper: PaperSize;
  /** Running header of every page (plain text: it is escaped here). */
  header: string;
  /** A marking printed at the left of every page's header and footer (the document's classification; plain text, escaped here). */
  marking?: string;
  /** Limit for loading the HTML and for printing it, each; by default it grows with the size of the HTML. */
  timeoutMs?: number;
  /**
   * ISO time written as the PDF's creation and modification date, so that the same report prints to
   * the same bytes; Chromium writes its own clock's time when absent.
   */
  documentDate?: string;
  /** False to start Chromium without its sandbox, where the host forbids it (asked for with --no-sandbox). */
  sandbox?: boolean;
}

// Resolver and proxy that lead nowhere: no name resolves (IP literals included), and loopback, which
// Chromium otherwise never sends through a proxy, is made to.
const NO_NETWORK_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=http://proxy.invalid:9',
  '--proxy-bypass-list=<-loopback>',
];

const MARGIN = { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' };
const TEMPLATE_STYLE = 'box-sizing: border-box; width: 100%; padding: 0 14mm; font-family: sans-serif; font-size: 9px; color: #555;';

/**
 * Chromium's flags. Its sandbox is switched off only as root, where Chromium refuses to start with it
 * (containers, CI), or when the user asks; the page runs no JavaScript and reaches no network either way.
 */
export function chromiumArgs(options: { sandbox?: boolean; root: boolean }): string[] {
  return [...(options.root || options.sandbox === false ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', '--disable-gpu', ...NO_NETWORK_ARGS];
}

export async function printPdf(html: string, options: PrintPdfOptions): Promise<Uint8Array> {
  const timeout = options.timeoutMs ?? defaultTimeout(html);
  const profile = newProfileDir();
  // chrome-headless-shell only knows the old headless mode.
  const shell = path.basename(options.executablePath).startsWith('chrome-headless-shell');
  const args = chromiumArgs({ sandbox: options.sandbox, root: process.getuid?.() === 0 });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: shell ? 'shell' : true,
      args,
      // Over a pipe, Chromium quits when we die, even by SIGKILL: its end of the pipe closes.
      pipe: true,
      userDataDir: profile,
      // Printing a long report is one protocol call: it must not time out before `timeout` does.
      protocolTimeout: timeout + 60_000,
    });
  } catch (error) {
    // Over a pipe, puppeteer sees only that the browser went away; its own words say why.
    const why = browserStderr(options.executablePath, [...args, shell ? '--headless' : '--headless=new', `--user-data-dir=${profile}`]);
    fs.rmSync(profile, { recursive: true, force: true });
    throw new Error(launchFailure(options.executablePath, `${why}\n${(error as Error).message}`));
  }
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      const allowed = url.startsWith('data:') || url === 'about:blank';
      // The page may close while a request is pending; there is nothing left to allow or block then.
      (allowed ? request.continue() : request.abort('blockedbyclient')).catch(() => {});
    });
    await page.setContent(html, { waitUntil: 'load', timeout });
    const pdf = await page.pdf({
      format: options.paper,
      // The paper asked for wins over any @page size in the HTML (user templates may set one).
      preferCSSPageSize: false,
      printBackground: true,
      displayHeaderFooter: true,
      // Header and footer are rendered apart from the page: they see none of its CSS.
      headerTemplate: `<div style="${TEMPLATE_STYLE}">${markingSpan(options.marking)}${escapeXml(options.header)}</div>`,
      footerTemplate: `<div style="${TEMPLATE_STYLE} display: flex;">${markingSpan(options.marking)}<span style="margin-left: auto;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: MARGIN,
      outline: true,
      tagged: true,
      timeout,
    });
    return options.documentDate === undefined ? pdf : withDocumentDate(pdf, options.documentDate);
  } finally {
    await closeBrowser(browser);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The marking as the first thing of a header or footer line, set apart in bold. */
function markingSpan(marking: string | undefined): string {
  return marking ? `<strong style="color: #9b1c1c; margin-right: 2em;">${escapeXml(marking)}</strong>` : '';
}

const PROFILE_PREFIX = 'mcp-comply-chromium-';

/**
 * A new Chromium profile folder, named with our process id. A run killed while printing cannot remove
 * its own, so each new one first removes those whose process is gone.
 */
function newProfileDir(): string {
  const tmp = os.tmpdir();
  for (const entry of fs.readdirSync(tmp)) {
    const pid = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(entry)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
  }
  return fs.mkdtempSync(path.join(tmp, `${PROFILE_PREFIX}${process.pid}-`));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Two minutes, and one more per megabyte of HTML (a 5,000-finding report is a few megabytes). */
function defaultTimeout(html: string): number {
  return 120_000 + 60_000 * Math.ceil(html.length / 1_000_000);
}

/** Closes the browser; if it will not close, kills its process group so that no Chromium is left behind. */
async function closeBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      browser.close(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('browser did not close')), 15_000); }),
    ]);
  } catch {
    if (child?.pid !== undefined && child.exitCode === null) {
      // puppeteer starts Chromium as a process-group leader (detached) except on Windows.
      try { process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sets the Info dictionary's /CreationDate and /ModDate (which Skia fills from the clock) to `iso`.
 * The new value has the same length as the old, so no cross-reference offset moves.
 */
function withDocumentDate(pdf: Uint8Array, iso: string): Uint8Array {
  const stamp = `D:${iso.replace(/[^0-9]/g, '').slice(0, 14).padEnd(14, '0')}+00'00'`;
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const dated = text.replace(/\/(CreationDate|ModDate) \((D:\d{14}[-+Z]\d{2}'\d{2}')\)/g,
    (match, key: string, old: string) => (old.length === stamp.length ? `/${key} (${stamp})` : match));
  return new Uint8Array(Buffer.from(dated, 'latin1'));
}

/** What the browser writes to stderr when started once more to load a blank page (15 s at most). */
function browserStderr(executablePath: string, args: string[]): string {
  const run = spawnSync(executablePath, [...args, '--dump-dom', 'about:blank'], { encoding: 'utf8', timeout: 15_000 });
  return run.error ? run.error.message : run.stderr ?? '';
}

/**
 * Why the browser did not start, in a line or two rather than puppeteer's dump. Ubuntu 23.10 and later
 * (GitHub's ubuntu-24.04 runners too) forbid the sandbox to browsers AppArmor has no profile for.
 */
export function launchFailure(executablePath: string, message: string): string {
  if (/No usable sandbox/i.test(message)) {
    return `${executablePath} did not start: this host forbids its sandbox (on Ubuntu 23.10 and later, AppArmor allows it only to `
      + 'browsers it has a profile for). Print with Google Chrome (--browser /usr/bin/google-chrome) or the chromium snap, '
      + 'or pass --no-sandbox to start it without one (the report runs no JavaScript and reaches no network).';
  }
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  return `${executablePath} did not start: ${lines.slice(0, 3).join(' ')}`;
}
