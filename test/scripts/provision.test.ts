/**
 * scripts/provision.mjs, which finds or installs what `npm run demo` and `npm test` need from the
 * machine: each path through it with the machine replaced, then for real on this one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { provision } from '../../scripts/provision.mjs';

type Need = 'browser' | 'git';

/** A machine with `present` tools, where installing a package makes its tool present (unless `broken`). */
function machine(present: Need[], options: { root?: boolean; installFails?: string; broken?: boolean } = {}) {
  const have = new Set<Need>(present);
  const installs: string[][] = [];
  const logs: string[] = [];
  return {
    installs, logs,
    find: async (need: Need) => (have.has(need) ? `/found/${need}` : undefined),
    canInstall: () => options.root ?? true,
    install: (packages: string[]) => {
      installs.push(packages);
      if (options.installFails) return options.installFails;
      if (!options.broken) {
        if (packages.includes('chromium')) have.add('browser');
        if (packages.includes('git')) have.add('git');
      }
      return undefined;
    },
    log: (line: string) => logs.push(line),
  };
}

describe('provision', () => {
  it('finds everything: installs nothing, says nothing', async () => {
    const m = machine(['browser', 'git']);
    assert.deepEqual(await provision('test', m), { browser: '/found/browser', git: '/found/git' });
    assert.deepEqual([m.installs, m.logs], [[], []]);
  });

  it('the demo needs no git', async () => {
    const m = machine(['browser'], { root: false });
    assert.deepEqual(await provision('demo', m), { browser: '/found/browser' });
  });

  it('as root on Debian: installs what is missing, in one apt-get, and says so', async () => {
    const m = machine([]);
    assert.deepEqual(await provision('test', m), { browser: '/found/browser', git: '/found/git' });
    assert.deepEqual(m.installs, [['chromium', 'fonts-dejavu-core', 'git']]);
    assert.deepEqual(m.logs, ["npm test: Chrome or Chromium and git not found; installing Debian's chromium, fonts-dejavu-core, git (apt-get, as root)"]);
  });

  it('only what is missing', async () => {
    const m = machine(['browser']);
    await provision('test', m);
    assert.deepEqual(m.installs, [['git']]);
  });

  it('elsewhere: installs nothing and says what to install, for each platform', async () => {
    const m = machine(['git'], { root: false });
    await assert.rejects(provision('demo', m), (error: Error) => {
      assert.equal(error.message, [
        'npm run demo needs what this machine does not have:',
        '  - Chrome or Chromium, which prints the PDF report (Debian: apt-get install chromium; Ubuntu, macOS and Windows: install Google Chrome; or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable)',
        'Nothing was installed: that is done only as root on Debian.',
        'Install it, then run npm run demo again.',
      ].join('\n'));
      return true;
    });
    assert.deepEqual(m.installs, []);
  });

  it('apt-get fails: says so with its last lines, and names both tools', async () => {
    const m = machine([], { installFails: 'apt-get update failed (the whole output is in /tmp/x/apt.log):\n    E: Could not resolve' });
    await assert.rejects(provision('test', m), (error: Error) => {
      assert.match(error.message, /^npm test needs what this machine does not have:\n {2}- Chrome or Chromium, .*\n {2}- git, which the tests build real git repositories \(.*apt-get install git.*\)\n/);
      assert.match(error.message, /Installing Debian's packages failed: apt-get update failed \(the whole output is in \/tmp\/x\/apt\.log\):\n {4}E: Could not resolve\nInstall them, then run npm test again\.$/);
      return true;
    });
  });

  it('installed, yet still not found: says that, not that it worked', async () => {
    await assert.rejects(provision('demo', machine([], { broken: true })), /Debian's chromium, fonts-dejavu-core were installed, yet still not found\./);
  });

  it('an unknown purpose is an error, not a pass', async () => {
    await assert.rejects(provision('lint', machine(['browser', 'git'])), /unknown purpose "lint" \(one of demo, test\)/);
  });

  it('on this machine, after npm test\'s own provisioning: a browser executable and git, with nothing to install', async () => {
    const found = await provision('test', { canInstall: () => false });
    assert.ok(fs.statSync(found.browser!).isFile(), found.browser);
    assert.match(found.git!, /^git version \d/);
  });
});
