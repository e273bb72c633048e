/**
 * repo.ci.unpinned-action (MCP-SC-04): every action, reusable workflow and Docker image a workflow or
 * action file uses is pinned: to a full 40-character commit SHA, or for `docker://` images to a
 * sha256 digest. Local references (`./...`) are part of the repository and need no pin. A tag or
 * branch can be moved to other code: high for third-party actions, medium for those GitHub itself
 * publishes (`actions/*`, `github/*`).
 */
import type { Severity } from '../../catalog/model.js';
import type { ActionRef } from '../../collectors/repo/model.js';
import type { Check } from '../types.js';
import { at, eachRepository, type Data } from './results.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;
const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/i;
const GITHUB_OWNERS = new Set(['actions', 'github']);

type Verdict = { pinned: true } | { pinned: false; messageId: string; severity: Severity; data: Data };

/** Whether a `uses:` value is pinned, and if not, how it reads in a message. */
function judge(ref: ActionRef): Verdict {
  const { value } = ref;
  if (value.startsWith('./')) return { pinned: true };
  if (value.startsWith('docker://')) {
    return IMAGE_DIGEST.test(value) ? { pinned: true } : { pinned: false, messageId: 'unpinned-image', severity: 'high', data: { image: value.slice('docker://'.length) } };
  }
  const sign = value.lastIndexOf('@');
  const name = sign < 0 ? value : value.slice(0, sign);
  const version = sign < 0 ? '' : value.slice(sign + 1);
  if (FULL_SHA.test(version)) return { pinned: true };
  const owner = name.split('/')[0]!.toLowerCase();
  const what = /^jobs\.[^.]+\.uses$/.test(ref.pointer) ? 'reusable workflow' : 'action';
  return {
    pinned: false,
    messageId: version ? 'unpinned-action' : 'unversioned-action',
    severity: GITHUB_OWNERS.has(owner) ? 'medium' : 'high',
    data: { what, action: name, ref: version },
  };
}

export const check: Check = {
  meta: {
    id: 'repo.ci.unpinned-action',
    title: 'CI actions and reusable workflows are pinned to full commit SHAs',
    severity: 'high',
    evidence: ['repository'],
    messages: {
      'unpinned-action': 'The {{what}} {{action}} in {{path}} is referenced by "{{ref}}", a tag or branch that can be moved to other code; only a full 40-character commit SHA fixes what runs.',
      'unversioned-action': 'The {{what}} {{action}} in {{path}} is referenced without any version, so whatever its default branch holds runs.',
      'unpinned-image': 'The container image {{image}} in {{path}} is referenced by tag, not by sha256 digest, so the image that runs can change without a change to the workflow.',
      pinned: 'All {{count}} remote reference(s) in {{path}} are pinned to full commit SHAs or digests.',
      'no-remote-references': '{{path}} uses no remote action, reusable workflow or image.',
      'no-workflows': 'The repository at {{repository}} has no GitHub Actions workflow or action file.',
    },
    remediation: 'Pin each reference to a full commit SHA with the release in a comment (uses: actions/checkout@<40-hex sha> # v4.2.2) and Docker images by digest, with a tool such as pinact or Renovate\'s helpers:pinGitHubActionDigests, and let Dependabot (github-actions) bump the pins.',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const { workflows } = results.repo;
      if (workflows.length === 0) results.notApplicable('no-workflows', results.root, 'workflows');
      for (const workflow of workflows) {
        const refs = [...workflow.uses, ...workflow.jobs.flatMap((job) => job.uses)];
        let failed = false;
        for (const ref of refs) {
          const verdict = judge(ref);
          if (verdict.pinned) continue;
          failed = true;
          results.fail(verdict.messageId, verdict.severity, at(workflow.path, ref), ref.pointer, { path: workflow.path, ...verdict.data });
        }
        const remote = refs.filter((ref) => !ref.value.startsWith('./')).length;
        const data = { path: workflow.path, count: remote };
        if (failed) continue;
        if (remote > 0) results.pass('pinned', at(workflow.path), 'workflow', data);
        else results.notApplicable('no-remote-references', at(workflow.path), 'workflow', data);
      }
    });
  },
};
