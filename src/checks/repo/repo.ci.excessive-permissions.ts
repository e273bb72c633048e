/**
 * repo.ci.excessive-permissions (MCP-AC-05): workflow tokens are least-privileged. Fails on
 * `permissions: write-all` (workflow or job), on a job that declares no permissions in a workflow
 * that declares none either (it gets the repository's default token, which may be read-write), and,
 * critically, on a "pwn request": a `pull_request_target` or `workflow_run` workflow that checks out
 * the pull request's own code, which then runs with a write-capable token and the repository's secrets.
 */
import type { CheckoutRef, Permissions, WorkflowFile } from '../../collectors/repo/model.js';
import type { Check } from '../types.js';
import { at, eachRepository, type RepoResults } from './results.js';

/** Triggers that run in the base repository's context, with its secrets and a write token, for outside changes. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** Refs that name the pull request's (or the triggering run's) own code. */
const UNTRUSTED_REF = /github\.event\.pull_request\.(?:head\.(?:sha|ref)|merge_commit_sha)|github\.head_ref|refs\/pull\/|github\.event\.workflow_run\.head_(?:sha|branch)/i;

const isWriteAll = (permissions: Permissions | undefined) => typeof permissions?.value === 'string' && permissions.value.toLowerCase() === 'write-all';

export const check: Check = {
  meta: {
    id: 'repo.ci.excessive-permissions',
    title: 'CI workflow tokens are least-privileged',
    severity: 'high',
    evidence: ['repository'],
    messages: {
      'write-all': 'The {{scope}} in {{path}} sets permissions: write-all, giving its GITHUB_TOKEN write access to every scope (contents, packages, actions, ...).',
      'default-permissions': 'The job "{{job}}" in {{path}} declares no permissions and neither does the workflow, so its GITHUB_TOKEN gets the repository default, which may be read-write.',
      'pull-request-target-checkout': 'The job "{{job}}" in {{path}} runs on {{trigger}} and checks out the pull request\'s own code ({{ref}}); that untrusted code runs with a write-capable token and the repository\'s secrets (a "pwn request").',
      'least-privilege': 'Every job in {{path}} runs with declared permissions, none with write-all, and no privileged trigger checks out pull request code.',
      'no-workflows': 'The repository at {{repository}} has no GitHub Actions workflow.',
    },
    remediation: 'Declare permissions: contents: read at the top of each workflow and grant write scopes only to the jobs that need them; never use write-all. Under pull_request_target or workflow_run, do not check out or run the pull request\'s code, or move that build to a pull_request workflow without secrets.',
  },
  run(context) {
    return eachRepository(context, (results) => {
      const workflows = results.repo.workflows.filter((w) => w.kind === 'workflow');
      if (workflows.length === 0) results.notApplicable('no-workflows', results.root, 'workflows');
      for (const workflow of workflows) {
        const before = results.results.length;
        judgeWorkflow(workflow, results);
        if (results.results.length === before) results.pass('least-privilege', at(workflow.path), 'workflow', { path: workflow.path });
      }
    });
  },
};

function judgeWorkflow(workflow: WorkflowFile, results: RepoResults): void {
  const { path, permissions } = workflow;
  if (isWriteAll(permissions)) results.fail('write-all', 'high', at(path, permissions), 'permissions', { path, scope: 'workflow' });
  const trigger = workflow.triggers.find((t) => PRIVILEGED_TRIGGERS.includes(t));
  for (const job of workflow.jobs) {
    if (isWriteAll(job.permissions)) results.fail('write-all', 'high', at(path, job.permissions), `jobs.${job.id}.permissions`, { path, scope: `job "${job.id}"` });
    else if (!permissions && !job.permissions) results.fail('default-permissions', 'medium', at(path, job), `jobs.${job.id}`, { path, job: job.id });
    if (!trigger) continue;
    for (const checkout of job.checkouts.filter((c: CheckoutRef) => UNTRUSTED_REF.test(c.value))) {
      results.fail('pull-request-target-checkout', 'critical', at(path, checkout), checkout.pointer, { path, job: job.id, trigger, ref: checkout.value });
    }
  }
}
