/**
 * Real repositories in temp folders for the repo collector tests: files written from a map, git run
 * by the test (never by the collector) with a fixed identity and no user or system configuration.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoCollector } from '../../../src/collectors/repo/index.js';
import type { RepositoryEvidence } from '../../../src/collectors/repo/model.js';
import type { CollectContext, EvidenceItem, UnreadableSource } from '../../../src/evidence/types.js';
import { write } from '../../helpers/temp-catalog.js';

export const NOW = '2026-11-23T12:00:00.000Z';

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

const made: string[] = [];
process.on('exit', () => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });

/** A fresh folder (real path, so evidence paths compare as written), removed when the test process exits. */
export function tempDir(prefix = 'mcp-comply-repo-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', '-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/** Writes files (POSIX paths relative to `root`; a Buffer is written as is). */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) write(root, rel, content);
}

/** A git repository with `files` committed on `main`. */
export function gitRepo(files: Record<string, string | Buffer>, root = tempDir()): string {
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

export async function collect(settings: Partial<CollectContext> & { root: string }): Promise<EvidenceItem[]> {
  return repoCollector.collect({ paths: [settings.root], includeUser: false, home: '/nonexistent-home', now: NOW, ...settings });
}

export function repositories(items: EvidenceItem[]): RepositoryEvidence[] {
  return items.filter((i): i is EvidenceItem<'repository'> => i.kind === 'repository').map((i) => i.data);
}

export function onlyRepository(items: EvidenceItem[]): RepositoryEvidence {
  const found = repositories(items);
  assert.equal(found.length, 1, `expected one repository, got ${found.map((r) => r.root).join(', ')}`);
  return found[0]!;
}

export function unreadable(items: EvidenceItem[]): UnreadableSource[] {
  return items.filter((i): i is EvidenceItem<'unreadable-source'> => i.kind === 'unreadable-source').map((i) => i.data);
}

/** A random-looking alphanumeric token (deterministic per seed), built at run time so no literal sits in the source. */
export function fakeToken(prefix: string, length: number, seed = 7): string {
  let body = '';
  for (let n = 0; body.length < length; n++) body += createHash('sha256').update(`${seed}:${n}`).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return prefix + body.slice(0, length);
}
