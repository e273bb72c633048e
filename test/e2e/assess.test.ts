/**
 * End-to-end through the built CLI: assess writes a valid assessment.json and bundle, a planted secret
 * never appears in any output, nothing from a config is ever executed, and verify catches tampering.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { manifestRootHash, writeBundle, type Manifest } from '../../src/evidence/bundle.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { validateValue } from '../../src/lib/schemas.js';
import type { Assessment } from '../../src/engine/assessment.js';
import { readAll, runCli as run } from '../helpers/cli.js';
import { tempDir, write } from '../helpers/temp-catalog.js';


describe('mcp-comply assess (built CLI)', () => {
  it('assesses the example estate: valid assessment.json, findings at file:line, evidence that verifies', () => {
    const out = tempDir();
    const { code, stdout, stderr } = run(['assess', '--config', 'examples/mcp-comply.yaml', '--out', out]);
    assert.equal(code, 1, `${stdout}\n${stderr}`);
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    assert.deepEqual(validateValue('assessment', assessment), []);
    assert.equal(assessment.generatedAt, '2026-11-23T00:00:00.000Z');
    assert.equal(assessment.scope.organization, 'Northwind Health');
    assert.ok(assessment.findings.length > 0);
    for (const finding of assessment.findings) {
      assert.ok(!path.isAbsolute(finding.location.path) && !finding.location.path.includes('\\'), finding.location.path);
      // GitHub findings (from the recorded bundle) name their repository or organisation, not a file.
      if (finding.location.path.startsWith('github:')) continue;
      assert.ok(fs.existsSync(path.join(PACKAGE_ROOT, 'examples', finding.location.path)), finding.location.path);
    }
    assert.ok(assessment.findings.some((f) => f.location.path === 'github:northwind-health/billing-service'), 'the recorded GitHub evidence is assessed');
    assert.ok(assessment.evidence.unreadable.some((u) => u.path === 'broken/.cursor/mcp.json' && u.line === 5), JSON.stringify(assessment.evidence.unreadable));
    assert.match(stdout, /broken\/\.cursor\/mcp\.json:5:\d+: parse-error/);
    assert.equal(run(['verify', out]).code, 0);

    // The demo's exceptions and attestations, against the fixed clock (2026-11-23).
    assert.deepEqual(assessment.exceptions?.map((e) => [e.id, e.status, e.matchedFindings > 0]), [['EX-1', 'live', true], ['EX-2', 'expired', false]]);
    const excepted = assessment.findings.filter((f) => f.exception);
    assert.ok(excepted.length > 0 && excepted.every((f) => f.exception!.id === 'EX-1' && f.location.path === 'billing-service/.cursor/mcp.json'));
    assert.equal(assessment.controls.find((c) => c.id === 'MCP-SC-01')?.exception?.id, 'EX-1');
    const statusOf = (id: string) => assessment.controls.find((c) => c.id === id)?.status;
    assert.equal(statusOf('MCP-IR-01'), 'attested');
    assert.equal(statusOf('MCP-GV-01'), 'stale');
    assert.match(assessment.controls.find((c) => c.id === 'MCP-IR-01')!.attestation!.sha256, /^[0-9a-f]{64}$/);
    assert.equal(assessment.evidence.items.filter((i) => i.kind === 'attestation').length, 3);
    // The attestation of the rest of PCI DSS 12.10.2 completes what MCP-IR-01 (a subset) shows.
    const pci = assessment.frameworks.find((f) => f.id === 'pci-dss')!;
    const completed = pci.requirements.find((r) => r.id === '12.10.2')!;
    assert.equal(completed.status, 'met');
    assert.equal(completed.attestation?.attestedBy, 'head-of-secops@northwind.example');
    // MCP-IR-01 attested covers only part of 12.10.6 (subset) and nothing attests the rest: its MCP part is effective, not met.
    assert.equal(pci.requirements.find((r) => r.id === '12.10.6')!.status, 'effective');
    // Every status carries its reason; the deployer of a high-risk system has no provider duties.
    assert.ok(assessment.controls.every((c) => c.reason.length > 0) && pci.requirements.every((r) => r.reason.length > 0));
    const aiAct = assessment.frameworks.find((f) => f.id === 'eu-ai-act')!;
    assert.equal(aiAct.requirements.find((r) => r.id === 'Art. 9(1)')!.status, 'not_applicable');
    assert.match(aiAct.requirements.find((r) => r.id === 'Art. 9(1)')!.reason, /declares aiAct\.role: deployer/);
    assert.equal(aiAct.applicability.inScope, 8);
    // The risk register: twelve threats, residual never above inherent, 25 heat-map cells.
    assert.deepEqual(assessment.risks.map((r) => r.threatId), ['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'T10', 'T11', 'T12']);
    assert.ok(assessment.risks.every((r) => r.residual <= r.inherent));
    assert.equal(assessment.riskHeatMap.cells.length, 25);
    assert.ok(assessment.inventory.servers.length > 0 && assessment.inventory.tools.length > 0);
    assert.match(stdout, /Exceptions: 1 live \(\d+ finding\(s\) accepted, not failing the run\), 1 expired, 0 not yet approved, 0 unused/);
    assert.match(stdout, /1 attested, 1 stale/);
  });

  it('a high finding under a live exception no longer fails the run; under its expired twin it does', () => {
    const project = tempDir();
    write(project, '.cursor/mcp.json', JSON.stringify({ mcpServers: { payments: { command: 'npx', args: ['-y', '@acme/payments-mcp@latest'] } } }, null, 2));
    write(project, 'mcp-comply.yaml', 'exceptions: exceptions.yaml\nfailOn: high\n');
    const assessWith = (expires: string) => {
      write(project, 'exceptions.yaml', [
        'exceptions:', '  - id: EX-PAY', '    check: mcp.supply-chain.unpinned-package', '    scope: { servers: [payments], paths: [.cursor/] }',
        '    justification: internal mirror', '    approver: ciso@example.com', '    approved: 2026-01-01', `    expires: ${expires}`, '',
      ].join('\n'));
      const out = tempDir();
      const result = run(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out]);
      const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
      assert.deepEqual(validateValue('assessment', assessment), []);
      return { ...result, assessment };
    };
    const live = assessWith('2027-01-01');
    assert.equal(live.code, 0, live.stdout);
    assert.equal(live.assessment.findings[0]!.severity, 'high');
    assert.equal(live.assessment.findings[0]!.exception?.id, 'EX-PAY');
    assert.equal(live.assessment.summary.findings.excepted, 1);
    const expired = assessWith('2026-06-30');
    assert.equal(expired.code, 1, expired.stdout);
    assert.equal(expired.assessment.findings[0]!.exception, undefined);
    assert.equal(expired.assessment.findings[0]!.expiredException?.id, 'EX-PAY');
    assert.equal(expired.assessment.exceptions![0]!.status, 'expired');
  });

  it('refuses an attestation whose evidence file is missing (exit 2), never attesting the control', () => {
    const project = tempDir();
    write(project, 'mcp-comply.yaml', 'attestations: attestations.yaml\n');
    write(project, 'attestations.yaml', [
      'attestations:', '  - control: MCP-IR-01', '    statement: plan exercised', '    evidence: docs/missing.pdf',
      '    attestedBy: secops@example.com', '    date: 2026-10-15', '    validUntil: 2027-10-15', '',
    ].join('\n'));
    const out = tempDir();
    const result = run(['assess', '--config', path.join(project, 'mcp-comply.yaml'), '--out', out]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /evidence-not-found/);
    assert.equal(fs.existsSync(path.join(out, 'assessment.json')), false);
  });

  it('never writes a planted secret to evidence, assessment, stdout or stderr', () => {
    const project = tempDir();
    const token = ['ghp', 'R8mK2vQ9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI'].join('_');
    const password = ['Zq8', 'vN3kR!mT6wL2', 'pX9'].join('');
    write(project, '.cursor/mcp.json', JSON.stringify({
      mcpServers: {
        gh: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } },
        db: { type: 'http', url: `https://admin:${password}@db.example.com/mcp`, headers: { Authorization: `Bearer ${token}` } },
      },
    }, null, 2));
    const out = tempDir();
    const assess = run(['assess', project, '--out', out, '--fail-on', 'none']);
    const collect = run(['collect', project, '--out', path.join(out, 'collected')]);
    assert.equal(assess.code, 0, assess.stderr);
    const everything = [assess.stdout, assess.stderr, collect.stdout, collect.stderr, readAll(out)].join('\n');
    assert.ok(!everything.includes(token), 'the token leaked');
    assert.ok(!everything.includes(password), 'the password leaked');
    const assessment = JSON.parse(fs.readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    const secrets = assessment.findings.filter((f) => f.checkId === 'mcp.secrets.inline-credential');
    assert.ok(secrets.length >= 2, JSON.stringify(assessment.findings, null, 1));
    assert.ok(secrets.every((f) => f.location.path === '.cursor/mcp.json' && f.location.line));
  });

  it('never executes a command found in a config', () => {
    const project = tempDir();
    const marker = path.join(tempDir(), 'executed');
    const script = path.join(project, 'evil.sh');
    fs.writeFileSync(script, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    const bin = tempDir();
    for (const shim of ['npx', 'uvx', 'docker', 'node', 'sh']) fs.writeFileSync(path.join(bin, shim), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    write(project, '.mcp.json', JSON.stringify({
      mcpServers: {
        a: { command: script, args: [] },
        b: { command: 'sh', args: ['-c', `touch ${marker}`] },
        c: { command: 'npx', args: ['-y', 'some-server@1.0.0'] },
        d: { command: `touch ${marker}` },
      },
    }));
    const out = tempDir();
    const result = run(['assess', project, '--out', out, '--fail-on', 'none'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fs.existsSync(marker), false, 'a command from the config was executed');
  });

  it('verify names an evidence item changed by one byte, and assess --evidence refuses it', () => {
    const out = tempDir();
    assert.equal(run(['collect', 'examples', '--out', out]).code, 0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'evidence', 'manifest.json'), 'utf8')) as { items: Array<{ id: string; line: number }> };
    const target = manifest.items.find((i) => i.id.startsWith('mcp-config:'))!;
    const file = path.join(out, 'evidence', 'items.jsonl');
    const text = fs.readFileSync(file, 'utf8');
    const offset = Buffer.byteLength(text.split('\n').slice(0, target.line - 1).join('\n')) + 20;
    const bytes = fs.readFileSync(file);
    bytes[offset] = bytes[offset]! ^ 0x20;
    fs.writeFileSync(file, bytes);
    const verify = run(['verify', out]);
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, new RegExp(`altered: ${target.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const assess = run(['assess', '--evidence', out, '--out', tempDir()]);
    assert.equal(assess.code, 2);
    assert.match(assess.stderr, /does not verify/);
  });

  it('verify compares the bundle with the root hash its assessment records: a forger who makes the bundle agree with itself still fails', () => {
    const out = tempDir();
    assert.equal(run(['assess', 'examples/billing-service', '--out', out, '--fail-on', 'none']).code, 0);
    assert.match(run(['verify', out]).stdout, /^root hash sha256:[0-9a-f]{64}, the one .*assessment\.json records$/m);
    const file = path.join(out, 'evidence', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    manifest.items.pop();
    manifest.rootHash = manifestRootHash(manifest);
    fs.writeFileSync(file, JSON.stringify(manifest));
    const verify = run(['verify', out]);
    assert.equal(verify.code, 1, verify.stdout);
    assert.match(verify.stdout, /evidence\/\.\.\/assessment\.json: root-hash-mismatch: assessment\.json: the assessment records root hash sha256:[0-9a-f]{64}, the bundle's manifest sha256:/);
    assert.match(verify.stdout, /unlisted: line \d+/);
  });

  it('signs the bundle with --sign-key; verify --key proves who signed it, and refuses another key, no signature, or a re-signed forgery', () => {
    const keys = tempDir('keys-');
    const pair = (name: string) => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
      write(keys, `${name}.key`, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      write(keys, `${name}.pub`, publicKey.export({ type: 'spki', format: 'pem' }).toString());
      return { key: path.join(keys, `${name}.key`), pub: path.join(keys, `${name}.pub`) };
    };
    const [ours, theirs] = [pair('ours'), pair('theirs')];
    const out = tempDir();
    const assess = run(['assess', 'examples/billing-service', '--out', out, '--fail-on', 'none', '--sign-key', ours.key]);
    assert.equal(assess.code, 0, assess.stderr);
    const fingerprint = /^Signed the evidence with key (sha256:[0-9a-f]{64}) \(ed25519\)$/m.exec(assess.stdout)?.[1];
    assert.ok(fingerprint, assess.stdout);
    assert.ok(!assess.stdout.includes('PRIVATE KEY') && !readAll(out).includes('PRIVATE KEY'), 'the private key stays where it was');

    const good = run(['verify', out, '--key', ours.pub]);
    assert.equal(good.code, 0, good.stdout);
    assert.match(good.stdout, new RegExp(`^signed by key ${fingerprint} \\(ed25519\\), the key given$`, 'm'));
    const other = run(['verify', out, '--key', theirs.pub]);
    assert.equal(other.code, 1);
    assert.match(other.stdout, /manifest\.sig: signature-mismatch: manifest\.sig: signed by key sha256:[0-9a-f]{64}, not by the key given/);

    // A forger who alters the bundle, recomputes its root and signs it with their own key still fails --key.
    const manifestFile = path.join(out, 'evidence', 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    manifest.generatedAt = '2020-01-01T00:00:00.000Z';
    manifest.rootHash = manifestRootHash(manifest);
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const stale = run(['verify', out, '--key', ours.pub]);
    assert.match(stale.stdout, /signature-mismatch: manifest\.sig: it signs root hash sha256:[0-9a-f]{64}, the manifest records sha256:/);
    const resigned = tempDir();
    assert.equal(run(['collect', 'examples/billing-service', '--out', resigned, '--sign-key', theirs.key]).code, 0);
    assert.equal(run(['verify', resigned, '--key', ours.pub]).code, 1);

    const unsigned = tempDir();
    assert.equal(run(['collect', 'examples/billing-service', '--out', unsigned]).code, 0);
    assert.match(run(['verify', unsigned]).stdout, /^not signed$/m);
    const demanded = run(['verify', unsigned, '--key', ours.pub]);
    assert.equal(demanded.code, 1);
    assert.match(demanded.stdout, /unsigned: manifest\.sig: the bundle is not signed, and --key expects a signature by sha256:/);

    const notAKey = run(['assess', 'examples/billing-service', '--out', tempDir(), '--sign-key', ours.pub]);
    assert.equal(notAKey.code, 2);
    assert.match(notAKey.stderr, /--sign-key \S+ours\.pub: not a PEM private key/);
  });

  it('assessing a saved bundle gives the same findings as assessing the sources', () => {
    const collected = tempDir();
    assert.equal(run(['collect', 'examples', '--out', collected]).code, 0);
    const [a, b] = [tempDir(), tempDir()];
    run(['assess', 'examples', '--out', a]);
    run(['assess', '--evidence', collected, '--out', b]);
    const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'assessment.json'), 'utf8')) as Assessment;
    assert.deepEqual(read(b).findings, read(a).findings);
    assert.equal(read(b).evidence.rootHash, read(a).evidence.rootHash);
  });

  it('bundles assessed together keep shared items once and refuse an item that differs between them', () => {
    const [first, second] = [tempDir(), tempDir()];
    assert.equal(run(['collect', 'examples/billing-service', '--out', first]).code, 0);
    assert.equal(run(['collect', 'examples/billing-service', '--out', second]).code, 0);
    const together = run(['assess', '--evidence', first, second, '--out', tempDir()]);
    assert.equal(together.code, 1, together.stderr);
    const other = tempDir();
    assert.equal(run(['collect', 'examples/clinical-assistant', '--out', other]).code, 0);
    const items = fs.readFileSync(path.join(other, 'evidence', 'items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EvidenceItem);
    const advisory = items.find((i) => i.kind === 'advisory-db')!;
    writeBundle(path.join(other, 'evidence'), items.map((i) => (i === advisory ? { ...i, data: { ...(i.data as object), note: 'changed' } } as unknown as EvidenceItem : i)), advisory.collectedAt);
    const conflict = run(['assess', '--evidence', first, other, '--out', tempDir()]);
    assert.equal(conflict.code, 2);
    assert.match(conflict.stderr, /evidence item advisory-db:\S+ differs between \S+ and the evidence before it/);
  });

  it('exit codes: 0 under --fail-on none, 2 for a missing path or unknown framework', () => {
    assert.equal(run(['assess', 'examples', '--out', tempDir(), '--fail-on', 'none']).code, 0);
    const missing = run(['assess', 'no/such/path', '--out', tempDir()]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /path "no\/such\/path" does not exist/);
    const unknown = run(['assess', 'examples', '--frameworks', 'gdrp', '--out', tempDir()]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /did you mean "gdpr"/);
  });
});
