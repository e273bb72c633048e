/**
 * Real-world precision (issue 19): the checks run over public MCP configurations nobody here wrote
 * (test/fixtures/real-world/configs/), and every finding they produce has been judged in labels.yaml.
 * Fails when a finding labelled true disappears, a finding labelled false comes back, or a finding
 * nobody has judged appears; debatable ones may come and go. Every file must be read, except those
 * sources.yaml marks as a known gap of discovery, which must stay unread until the marker is removed.
 *
 * A false finding the checks still report today is labelled `still-reported: true`: tolerated until
 * the check is fixed, then the marker must go, so it can never come back unnoticed.
 * UPDATE_LABELS=1 appends the unjudged findings to labels.yaml as `verdict: unlabelled` and drops the
 * stale markers (the test still fails until a human gives each new entry a verdict and a reason).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  assessCorpus, compare, corpusFiles, findingId, LABELS_FILE, readLabels, readMisses, readSources, unlabelledEntry, updateLabels,
  type CorpusRun, type Label,
} from './corpus.js';

const VERDICTS = new Set(['true', 'false', 'debatable', 'unlabelled']);
const list = (labels: Label[]) => labels.map((l) => `  ${findingId(l)}  (${l.reason})`).join('\n');

describe('real-world MCP configuration corpus', () => {
  let run: CorpusRun;
  before(async () => { run = await assessCorpus(); });

  it('every file has its provenance and licence, and sources.yaml names only files that exist', () => {
    const sources = readSources();
    assert.deepEqual(sources.map((s) => s.file).sort(), corpusFiles());
    for (const s of sources) {
      assert.match(s.commit, /^[0-9a-f]{40}$/, s.file);
      assert.ok(s.licence && s.changes && s.repo.includes('/'), s.file);
      assert.ok(s.file.startsWith(`${s.repo.replace('/', '__')}/`) && s.file.endsWith(s.path), s.file);
    }
  });

  it('assesses without a crash, and reads every file except the known gaps of discovery', () => {
    assert.deepEqual(run.crashes, []);
    const sources = readSources();
    const why = new Map([...run.skipped.map((s) => [s.path, `skipped: ${s.reason}`]), ...run.unreadable.map((u) => [u.path, `${u.code}: ${u.reason}`])]);
    const notRead = sources.filter((s) => !s['known-gap'] && !run.read.has(s.file))
      .map((s) => `${s.file}: ${why.get(s.file) ?? 'not discovered'}`);
    assert.deepEqual(notRead, [], 'files the collector no longer reads (a regression, or mark known-gap in sources.yaml)');
    const nowRead = sources.filter((s) => s['known-gap'] && run.read.has(s.file)).map((s) => s.file);
    assert.deepEqual(nowRead, [], 'known gaps now read: remove their known-gap in sources.yaml (and label the findings they bring)');
  });

  it('labels.yaml is well formed: one entry per finding id, a verdict and a reason each; misses name a corpus file', () => {
    const labels = readLabels();
    const ids = labels.map(findingId);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'labelled twice');
    for (const l of labels) {
      assert.ok(VERDICTS.has(l.verdict), `${findingId(l)}: verdict ${l.verdict}`);
      if (l.verdict !== 'unlabelled') assert.ok(l.reason?.trim(), `${findingId(l)}: no reason`);
      if (l['still-reported'] !== undefined) assert.ok(l.verdict === 'false' && l['still-reported'] === true, `${findingId(l)}: still-reported is for false findings`);
    }
    const files = new Set(corpusFiles());
    for (const m of readMisses()) assert.ok(files.has(m.path) && m.pointer.startsWith('/') && m.expect && m.reason, `missed: ${JSON.stringify(m)}`);
  });

  it('finds every finding labelled true, no finding labelled false, and nothing unjudged', () => {
    if (process.env.UPDATE_LABELS === '1') updateLabels(run);
    const result = compare(run, readLabels());
    const problems: string[] = [];
    if (result.lostTrue.length) problems.push(`Labelled true, no longer found (a real problem the checks stopped seeing):\n${list(result.lostTrue)}`);
    if (result.returnedFalse.length) problems.push(`Labelled false, found again (a false finding is back):\n${list(result.returnedFalse)}`);
    if (result.fixedFalse.length) {
      problems.push(`False findings no longer reported: remove their still-reported (UPDATE_LABELS=1 does it):\n${list(result.fixedFalse)}`);
    }
    if (result.unlabelled.length) {
      problems.push(`Findings without a label: label them in ${LABELS_FILE} (verdict true, false or debatable, and a one-line reason);`
        + ` UPDATE_LABELS=1 appends them for you:\n${result.unlabelled.map(unlabelledEntry).join('')}`);
    }
    if (result.undecided.length) problems.push(`Labels still waiting for a verdict (verdict: unlabelled):\n${list(result.undecided)}`);
    // A miss the expected check now reports is no longer a miss: its finding is labelled like any other.
    const caught = readMisses().filter((m) => run.findings.some((f) => f.check === m.expect && f.path === m.path && (f.key === m.pointer || f.key.startsWith(`${m.pointer}/`) || f.key.startsWith(`${m.pointer}[`))));
    if (caught.length) problems.push(`Misses now reported: remove them from missed: in ${LABELS_FILE}:\n${caught.map((m) => `  ${m.expect} ${m.path} ${m.pointer}`).join('\n')}`);
    assert.equal(problems.join('\n\n'), '');
  });
});
