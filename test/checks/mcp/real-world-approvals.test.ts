/**
 * Real public configurations (test/fixtures/real-world/approvals, provenance in sources.yaml) read
 * by the real parsers and judged by mcp.oversight.approval-bypass and mcp.oversight.auto-approve.
 * Every failure is labelled (true or false positive, with why); the test fails when a labelled true
 * finding disappears, when a labelled false one returns, or when an unlabelled one appears.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { check as approvalBypass } from '../../../src/checks/mcp/mcp.oversight.approval-bypass.js';
import { check as autoApprove } from '../../../src/checks/mcp/mcp.oversight.auto-approve.js';
import type { Check } from '../../../src/checks/types.js';
import type { McpClient } from '../../../src/collectors/mcp-config/model.js';
import { parseClaudeSettings } from '../../../src/collectors/mcp-config/parse-claude-code.js';
import { parseCodexConfig } from '../../../src/collectors/mcp-config/parse-codex.js';
import type { ParseInput, ParseResult } from '../../../src/collectors/mcp-config/parse-result.js';
import { parseJsonDoc, parseTomlDoc } from '../../../src/collectors/mcp-config/source-doc.js';
import { configItem } from '../../helpers/mcp-evidence.js';
import { renderMessage, runCheck } from '../../helpers/run-check.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/real-world/approvals');

interface Labelled { check: Check; messageId: string; severity: string; line: number; label: 'true' | 'false'; why: string }
interface Case { file: string; client: McpClient; parse: (input: ParseInput) => ParseResult; fails: Labelled[]; passes: Array<[Check, string]> }

const cases: Case[] = [
  {
    file: 'edgard__dotfiles/dot_codex/config.toml', client: 'codex', parse: parseCodexConfig,
    fails: [{
      check: approvalBypass, messageId: 'codexNoApprovalNoSandbox', severity: 'high', line: 4, label: 'true',
      why: 'the default layer never asks and has no sandbox; the "safe" profile (untrusted) is only used when chosen',
    }],
    passes: [],
  },
  {
    file: 'nijaru__dotfiles/dot_codex/config.toml', client: 'codex', parse: parseCodexConfig,
    fails: [],
    passes: [[approvalBypass, 'approvalKept'], [autoApprove, 'noAutoApprove'], [autoApprove, 'noAutoApprove']],
  },
  {
    file: 'forest6511__claude-code-cookbook/ch01/recipe-05/.claude/settings.json', client: 'claude-code', parse: parseClaudeSettings,
    fails: [{
      check: autoApprove, messageId: 'enableAllProjectServers', severity: 'high', line: 22, label: 'true',
      why: 'committed project settings start every .mcp.json server of the repository without asking anyone',
    }],
    passes: [],
  },
];

describe('approval settings in real public configurations', () => {
  for (const c of cases) {
    it(c.file, () => {
      const text = fs.readFileSync(path.join(ROOT, c.file), 'utf8');
      const doc = (c.file.endsWith('.toml') ? parseTomlDoc : parseJsonDoc)(text);
      assert.ok(doc.ok);
      const result = c.parse({ doc: doc.doc, path: c.file, client: c.client, scope: 'user' });
      assert.ok(result.ok, JSON.stringify(result));
      const item = configItem(result.file);
      const fails = [approvalBypass, autoApprove].flatMap((check) => runCheck(check, [item])
        .filter((r) => r.status === 'fail')
        .map((r) => ({ check: check.meta.id, messageId: r.messageId, severity: r.severity, line: r.location.line, message: renderMessage(check, r) })));
      const labelled = c.fails.map((f) => ({ check: f.check.meta.id, messageId: f.messageId, severity: f.severity, line: f.line, label: f.label }));
      // A labelled true finding must be there, a labelled false one must not, and nothing unlabelled may appear.
      assert.deepEqual(fails.map(({ message: _m, ...f }) => f), labelled.filter((l) => l.label === 'true').map(({ label: _l, ...f }) => f));
      const passes = [approvalBypass, autoApprove].flatMap((check) => runCheck(check, [item]).filter((r) => r.status === 'pass').map((r) => `${check.meta.id} ${r.messageId}`));
      for (const [check, messageId] of c.passes) assert.ok(passes.includes(`${check.meta.id} ${messageId}`), `${check.meta.id} ${messageId} passes`);
    });
  }
});
