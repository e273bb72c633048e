/**
 * Which Chrome or Chromium prints the PDF. puppeteer-core never downloads one, so we look for it in
 * the order a person would expect: the path they named, then puppeteer's own variable and download
 * cache, then where operating systems install browsers. Everything the search touches is injectable
 * so that tests can walk every branch on any machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type BrowserSource = 'explicit' | 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer cache' | 'system';

export interface FindBrowserOptions {
  /** The path the user named (`--browser` or the config): used as is, or an error, never skipped. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  /** Whether a browser executable is at this path. */
  exists?: (file: string) => boolean;
  /** The entries of a folder ([] when there is none): used to list the versions in puppeteer's cache. */
  listDir?: (dir: string) => string[];
}

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

/** No browser to print with: says what was tried and how to get one. */
export class BrowserNotFoundError extends Error {
  /** `explicit`: the path the user named, which does not exist (nothing else was tried). */
  constructor(readonly tried: readonly string[], readonly explicit?: string) {
    super([
      ...(explicit !== undefined
        ? [`The browser named with --browser (or the config) does not exist: ${explicit}`, 'To fix it, do one of:', '  - correct the path to a Chrome or Chromium executable']
        : ['No Chrome or Chromium was found to print the PDF report. Looked at:', ...tried.map((t) => `  - ${t}`), 'To fix it, do one of:']),
      '  - install Chromium (Debian/Ubuntu: apt-get install chromium; macOS and Windows: install Google Chrome)',
      '  - set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable',
      '  - pass --browser PATH',
      'Meanwhile the HTML report (report.html) is written: open it in any browser and print it to PDF.',
    ].join('\n'));
    this.name = 'BrowserNotFoundError';
  }
}

export function findBrowser(options: FindBrowserOptions = {}): FoundBrowser {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? os.homedir();
  const exists = options.exists ?? isFile;
  const listDir = options.listDir ?? readDir;

  if (options.explicit !== undefined) {
    if (exists(options.explicit)) return { path: options.explicit, source: 'explicit' };
    throw new BrowserNotFoundError([options.explicit], options.explicit);
  }

  const tried: string[] = [];
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return { path: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' };
    tried.push(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} (no such file)`);
  } else {
    tried.push('PUPPETEER_EXECUTABLE_PATH (not set)');
  }

  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const cacheDir = env.PUPPETEER_CACHE_DIR || join(home, '.cache', 'puppeteer');
  const cached = puppeteerCacheCandidates(cacheDir, platform, join, listDir);
  const inCache = cached.find(exists);
  if (inCache) return { path: inCache, source: 'puppeteer cache' };
  tried.push(`puppeteer's cache ${cacheDir} (${cached.length ? `${cached.length} candidates, none usable` : 'no Chrome in it'})`);

  const system = systemCandidates(platform, env, home);
  const installed = system.find(exists);
  if (installed) return { path: installed, source: 'system' };
  tried.push(...system);
  throw new BrowserNotFoundError(tried);
}

/**
 * Executables in puppeteer's cache (`<cache>/chrome/<platform>-<version>/chrome-<folder>/chrome`, and
 * the same under chrome-headless-shell), newest version first, full Chrome before the headless shell
 * of the same version. Layout as in @puppeteer/browsers' browser-data.
 */
function puppeteerCacheCandidates(
  cacheDir: string, platform: NodeJS.Platform, join: (...parts: string[]) => string, listDir: (dir: string) => string[],
): string[] {
  const layouts = CACHE_LAYOUTS[platform] ?? [];
  const found: Array<{ version: number[]; kind: number; file: string }> = [];
  for (const [kind, browser] of (['chrome', 'chrome-headless-shell'] as const).entries()) {
    const root = join(cacheDir, browser);
    for (const entry of listDir(root)) {
      const layout = layouts.find((l) => entry.startsWith(`${l.platform}-`));
      if (!layout) continue;
      const version = entry.slice(layout.platform.length + 1).split('.').map(Number);
      if (version.some(Number.isNaN)) continue;
      found.push({ version, kind, file: join(root, entry, ...layout.executable[browser]) });
    }
  }
  return found.sort((a, b) => compareVersions(b.version, a.version) || a.kind - b.kind).map((f) => f.file);
}

interface CacheLayout {
  /** puppeteer's BrowserPlatform, the prefix of a version folder. */
  platform: string;
  executable: Record<'chrome' | 'chrome-headless-shell', string[]>;
}

const macLayout = (platform: string, folder: string): CacheLayout => ({
  platform,
  executable: {
    chrome: [`chrome-${folder}`, 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
    'chrome-headless-shell': [`chrome-headless-shell-${folder}`, 'chrome-headless-shell'],
  },
});
const otherLayout = (platform: string, folder: string, exe: string): CacheLayout => ({
  platform,
  executable: {
    chrome: [`chrome-${folder}`, `chrome${exe}`],
    'chrome-headless-shell': [`chrome-headless-shell-${folder}`, `chrome-headless-shell${exe}`],
  },
});

const CACHE_LAYOUTS: Partial<Record<NodeJS.Platform, CacheLayout[]>> = {
  linux: [otherLayout('linux', 'linux64', ''), otherLayout('linux_arm', 'linux64', '')],
  darwin: [macLayout('mac_arm', 'mac-arm64'), macLayout('mac', 'mac-x64')],
  win32: [otherLayout('win64', 'win64', '.exe'), otherLayout('win32', 'win32', '.exe')],
};

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Where Chrome, Chromium and Edge are installed by package managers and installers. */
function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  if (platform === 'darwin') {
    const bundles = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return [...bundles.map((b) => `/Applications/${b}`), ...bundles.map((b) => path.posix.join(home, 'Applications', b))];
  }
  if (platform === 'win32') {
    const roots = [
      env.PROGRAMFILES || 'C:\\Program Files',
      env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)',
      env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'),
    ];
    const installs = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return installs.flatMap((install) => roots.map((root) => path.win32.join(root, install)));
  }
  // Google Chrome first: Ubuntu's AppArmor allows its sandbox, and on GitHub's runners /usr/bin/chromium
  // is a snapshot build that AppArmor gives no sandbox (it would not start there).
  return [
    '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome',
    '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium',
  ];
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
