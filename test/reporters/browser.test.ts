/** Finding the Chrome or Chromium that prints the PDF: the order of the search, on every platform, on a made-up disk. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BrowserNotFoundError, findBrowser, type FindBrowserOptions } from '../../src/reporters/pdf/browser.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** A disk holding exactly `files`, with folders listed from them. */
function disk(files: string[]): Pick<FindBrowserOptions, 'exists' | 'listDir'> {
  return {
    exists: (file) => files.includes(file),
    listDir: (dir) => [...new Set(files.filter((f) => f.startsWith(`${dir}/`) || f.startsWith(`${dir}\\`))
      .map((f) => f.slice(dir.length + 1).split(/[\\/]/)[0]!))],
  };
}

const HOME = '/home/ana';
const CACHE = `${HOME}/.cache/puppeteer`;
const chromeIn = (cache: string, version: string) => `${cache}/chrome/linux-${version}/chrome-linux64/chrome`;
const shellIn = (cache: string, version: string) => `${cache}/chrome-headless-shell/linux-${version}/chrome-headless-shell-linux64/chrome-headless-shell`;

describe('findBrowser', () => {
  const cases: Array<{ name: string; files: string[]; env?: NodeJS.ProcessEnv; explicit?: string; platform?: NodeJS.Platform; path: string; source: string }> = [
    {
      name: 'the explicit path wins over everything else',
      files: ['/opt/my/chrome', '/env/chrome', chromeIn(CACHE, '131.0.6778.85'), '/usr/bin/chromium'],
      explicit: '/opt/my/chrome', env: { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' }, path: '/opt/my/chrome', source: 'explicit',
    },
    {
      name: 'PUPPETEER_EXECUTABLE_PATH comes before the cache and the system',
      files: ['/env/chrome', chromeIn(CACHE, '131.0.6778.85'), '/usr/bin/chromium'],
      env: { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' }, path: '/env/chrome', source: 'PUPPETEER_EXECUTABLE_PATH',
    },
    {
      name: 'a PUPPETEER_EXECUTABLE_PATH that does not exist is passed over',
      files: ['/usr/bin/chromium'], env: { PUPPETEER_EXECUTABLE_PATH: '/gone/chrome' }, path: '/usr/bin/chromium', source: 'system',
    },
    {
      name: "puppeteer's cache comes before the system, newest version first (numerically: 131 before 99)",
      files: [chromeIn(CACHE, '99.0.4844.51'), chromeIn(CACHE, '131.0.6778.85'), chromeIn(CACHE, '120.0.6099.109'), '/usr/bin/chromium'],
      path: chromeIn(CACHE, '131.0.6778.85'), source: 'puppeteer cache',
    },
    {
      name: 'the headless shell of a newer version comes before Chrome of an older one',
      files: [chromeIn(CACHE, '120.0.6099.109'), shellIn(CACHE, '131.0.6778.85')],
      path: shellIn(CACHE, '131.0.6778.85'), source: 'puppeteer cache',
    },
    {
      name: 'Chrome comes before the headless shell of the same version',
      files: [shellIn(CACHE, '131.0.6778.85'), chromeIn(CACHE, '131.0.6778.85')],
      path: chromeIn(CACHE, '131.0.6778.85'), source: 'puppeteer cache',
    },
    {
      name: 'a version folder without its executable is passed over',
      files: [`${CACHE}/chrome/linux-140.0.1/chrome-linux64/README`, chromeIn(CACHE, '131.0.6778.85')],
      path: chromeIn(CACHE, '131.0.6778.85'), source: 'puppeteer cache',
    },
    {
      name: 'PUPPETEER_CACHE_DIR moves the cache',
      files: [chromeIn('/ci/cache', '131.0.6778.85'), chromeIn(CACHE, '132.0.1.1')], env: { PUPPETEER_CACHE_DIR: '/ci/cache' },
      path: chromeIn('/ci/cache', '131.0.6778.85'), source: 'puppeteer cache',
    },
    {
      name: 'another platform\'s downloads in the cache are not used',
      files: [`${CACHE}/chrome/mac_arm-131.0.6778.85/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing`, '/usr/bin/google-chrome'],
      path: '/usr/bin/google-chrome', source: 'system',
    },
    {
      name: 'macOS: the cache layout of Chrome for Testing',
      platform: 'darwin',
      files: [`${CACHE}/chrome/mac_arm-131.0.6778.85/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing`],
      path: `${CACHE}/chrome/mac_arm-131.0.6778.85/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing`, source: 'puppeteer cache',
    },
    {
      name: 'Windows: the cache layout, with Windows paths',
      platform: 'win32', env: { PUPPETEER_CACHE_DIR: 'C:\\cache' },
      files: ['C:\\cache\\chrome\\win64-131.0.6778.85\\chrome-win64\\chrome.exe'],
      path: 'C:\\cache\\chrome\\win64-131.0.6778.85\\chrome-win64\\chrome.exe', source: 'puppeteer cache',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const found = findBrowser({ explicit: c.explicit, env: c.env ?? {}, platform: c.platform ?? 'linux', home: HOME, ...disk(c.files) });
      assert.deepEqual(found, { path: c.path, source: c.source });
    });
  }

  // Google Chrome before Chromium: on GitHub's ubuntu-24.04 runners /usr/bin/chromium is a snapshot build AppArmor gives no sandbox.
  const linux = ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
  const darwin = ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    `${HOME}/Applications/Google Chrome.app/Contents/MacOS/Google Chrome`];
  const win32 = ['D:\\Apps\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Users\\ana\\AppData\\Local\\Chromium\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'];
  for (const [platform, paths, env] of [['linux', linux, {}], ['darwin', darwin, {}], ['win32', win32, { PROGRAMFILES: 'D:\\Apps', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }]] as const) {
    it(`${platform}: system paths in order, each found when it is the only one`, () => {
      for (const [i, only] of paths.entries()) {
        assert.deepEqual(findBrowser({ env, platform, home: HOME, ...disk([only]) }), { path: only, source: 'system' }, only);
        // With every later path present too, this one still wins.
        assert.equal(findBrowser({ env, platform, home: HOME, ...disk(paths.slice(i)) }).path, only);
      }
    });
  }

  it('an explicit path that does not exist is an error, even with a browser elsewhere', () => {
    const error = catchError(() => findBrowser({ explicit: '/opt/typo/chrome', env: { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' }, platform: 'linux', home: HOME, ...disk(['/env/chrome', '/usr/bin/chromium']) }));
    assert.ok(error instanceof BrowserNotFoundError);
    assert.equal(error.explicit, '/opt/typo/chrome');
    assert.match(error.message, /^The browser named with --browser \(or the config\) does not exist: \/opt\/typo\/chrome$/m);
    assert.match(error.message, /correct the path/);
  });

  it('no browser anywhere: BrowserNotFoundError lists what was tried and how to fix it', () => {
    const error = catchError(() => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/gone/chrome' }, platform: 'linux', home: HOME, ...disk([]) }));
    assert.ok(error instanceof BrowserNotFoundError);
    assert.equal(error.name, 'BrowserNotFoundError');
    assert.deepEqual(error.tried, [
      'PUPPETEER_EXECUTABLE_PATH=/gone/chrome (no such file)',
      `puppeteer's cache ${CACHE} (no Chrome in it)`,
      ...linux,
    ]);
    for (const tried of error.tried) assert.ok(error.message.includes(`  - ${tried}\n`), tried);
    assert.match(error.message, /apt-get install chromium/);
    assert.match(error.message, /set PUPPETEER_EXECUTABLE_PATH/);
    assert.match(error.message, /--browser PATH/);
    assert.match(error.message, /HTML report \(report\.html\) is written/);
  });

  it('an unset PUPPETEER_EXECUTABLE_PATH is named as unset', () => {
    const error = catchError(() => findBrowser({ env: {}, platform: 'darwin', home: HOME, ...disk([]) }));
    assert.ok(error instanceof BrowserNotFoundError);
    assert.equal(error.tried[0], 'PUPPETEER_EXECUTABLE_PATH (not set)');
    assert.ok(error.tried.includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
  });

  it('on the real disk: a file is a browser, a folder or a missing path is not', () => {
    const dir = tempDir('browser-');
    const file = write(dir, 'chrome', '#!/bin/sh\n');
    assert.deepEqual(findBrowser({ explicit: file }), { path: file, source: 'explicit' });
    assert.throws(() => findBrowser({ explicit: dir }), BrowserNotFoundError);
    assert.throws(() => findBrowser({ explicit: path.join(dir, 'missing') }), BrowserNotFoundError);
    // A cache folder that exists is listed for real.
    const cache = tempDir('browser-cache-');
    const cached = write(cache, 'chrome/linux-131.0.6778.85/chrome-linux64/chrome', '');
    fs.mkdirSync(path.join(cache, 'chrome', 'linux-not-a-version'));
    assert.deepEqual(findBrowser({ env: { PUPPETEER_CACHE_DIR: cache }, platform: 'linux' }), { path: cached, source: 'puppeteer cache' });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
