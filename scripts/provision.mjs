#!/usr/bin/env node
// What `npm run demo` and `npm test` need from the machine beyond npm packages, found or provided in
// one place, so that the README's two commands pass on a fresh machine with nothing but Node:
//   - a Chrome or Chromium, which prints the PDF report (puppeteer-core never downloads one);
//   - git, for the tests that build real repositories.
// Each is looked for first. What is missing is installed from Debian's packages when we are root on
// Debian (the one case where that is safe to do unasked); anywhere else we stop with one message that
// says what to install. Nothing is ever skipped quietly.
//
// Usage (after `npm run build`): node scripts/provision.mjs demo|test
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** What each command needs. */
const NEEDS = { demo: ['browser'], test: ['browser', 'git'] };
const COMMAND = { demo: 'npm run demo', test: 'npm test' };

const TOOLS = {
  browser: {
    name: 'Chrome or Chromium',
    why: 'prints the PDF report',
    // DejaVu gives the browser a sans-serif font to fall back on; Debian's chromium recommends none.
    debian: ['chromium', 'fonts-dejavu-core'],
    elsewhere: 'Debian: apt-get install chromium; Ubuntu, macOS and Windows: install Google Chrome; or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable',
    async find() {
      const { findBrowser } = await import(pathToFileURL(path.join(root, 'dist/reporters/pdf/browser.js')).href);
      try {
        return findBrowser({}).path;
      } catch (error) {
        if (error?.name === 'BrowserNotFoundError') return undefined;
        throw error;
      }
    },
  },
  git: {
    name: 'git',
    why: 'the tests build real git repositories',
    debian: ['git'],
    elsewhere: 'Debian and Ubuntu: apt-get install git; macOS: xcode-select --install; Windows: install Git for Windows',
    async find() {
      const run = spawnSync('git', ['--version'], { encoding: 'utf8' });
      return run.status === 0 ? run.stdout.trim() : undefined;
    },
  },
};

/** Whether missing tools may be installed here: root, on Debian itself (Ubuntu's chromium is a snap). */
function canInstallFromDebian() {
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) return false;
  try {
    return /^ID="?debian"?$/m.test(fs.readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** apt-get update, then install; returns the failure's last lines, or undefined on success. */
function aptInstall(packages) {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-comply-apt-')), 'apt.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
    const run = spawnSync('apt-get', args, { encoding: 'utf8', env, maxBuffer: 1 << 28 });
    fs.appendFileSync(log, `$ apt-get ${args.join(' ')}\n${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `${run.error.message}\n` : ''}`);
    if (run.status !== 0) {
      const tail = fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-5).map((line) => `    ${line}`).join('\n');
      return `apt-get ${args[0]} failed (the whole output is in ${log}):\n${tail}`;
    }
  }
  return undefined;
}

/**
 * Finds every tool `purpose` needs, installing the missing ones where it may. Returns what was found
 * (tool -> path or version); throws an Error whose message says what to install when any is missing.
 * `machine` replaces how tools are found and installed, for the tests.
 */
export async function provision(purpose, machine = {}) {
  const { find = (need) => TOOLS[need].find(), canInstall = canInstallFromDebian, install = aptInstall, log = (line) => process.stderr.write(`${line}\n`) } = machine;
  const needs = NEEDS[purpose];
  if (!needs) throw new Error(`provision: unknown purpose "${purpose}" (one of ${Object.keys(NEEDS).join(', ')})`);
  const found = {};
  const look = async (list) => {
    for (const need of list) found[need] = await find(need);
    return needs.filter((need) => !found[need]);
  };
  let missing = await look(needs);
  if (missing.length === 0) return found;

  let why = 'Nothing was installed: that is done only as root on Debian.';
  if (canInstall()) {
    const packages = missing.flatMap((need) => TOOLS[need].debian);
    log(`${COMMAND[purpose]}: ${missing.map((need) => TOOLS[need].name).join(' and ')} not found; installing Debian's ${packages.join(', ')} (apt-get, as root)`);
    const failure = install(packages);
    missing = await look(missing);
    if (missing.length === 0) return found;
    why = failure ? `Installing Debian's packages failed: ${failure}` : `Debian's ${packages.join(', ')} were installed, yet still not found.`;
  }
  throw new Error([
    `${COMMAND[purpose]} needs what this machine does not have:`,
    ...missing.map((need) => `  - ${TOOLS[need].name}, which ${TOOLS[need].why} (${TOOLS[need].elsewhere})`),
    why,
    `Install ${missing.length > 1 ? 'them' : 'it'}, then run ${COMMAND[purpose]} again.`,
  ].join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await provision(process.argv[2]);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
