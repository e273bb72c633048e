/**
 * `mcp-comply github check`: publishes the drift against a baseline (or the assessment's own gate) as a
 * GitHub check run with one annotation per new finding, or, when the token cannot create check runs,
 * as a commit status and a pull-request comment. Exit 1 when the check fails, so the workflow step
 * fails with it; 2 for usage and API errors.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../../catalog/model.js';
import { createGitHubClient } from '../../collectors/github/client.js';
import { isBaseline } from '../../engine/baseline.js';
import { driftOf } from '../../engine/drift.js';
import { gateOfAssessment, gateOfDrift, planCheckRun } from '../../github/check-run.js';
import { PublishError, publishCheck } from '../../github/publish.js';
import { httpUrlOf } from '../../lib/http-url.js';
import { printable } from '../../lib/printable.js';
import { displayPath } from '../../lib/problem.js';
import { readAssessmentFile } from '../assessment-file.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { resolveGitHubApiUrl } from '../run-options.js';
import { checkPathPrefix } from '../path-prefix.js';
import { writeErr } from '../text.js';

interface CheckOptions {
  assessment: string;
  baseline?: string;
  repo: string;
  sha: string;
  name: string;
  failOn?: Severity | 'none';
  reportOnly?: boolean;
  pr?: string;
  detailsUrl?: string;
  pathPrefix?: string;
  githubApiUrl?: string;
  verbose?: boolean;
}

export function registerGitHub(program: Command): void {
  const github = program.command('github').description('publish results to GitHub');
  github.command('check')
    .description('publish the drift (or, without --baseline, the assessment\'s gate) as a GitHub check run with annotations; '
      + 'exit 1 when it fails. A token that cannot create check runs gets a commit status and a pull-request comment instead')
    .requiredOption('--assessment <file>', 'the current assessment.json')
    .addOption(new Option('--baseline <file>', 'the committed baseline (or an earlier assessment.json): report the drift against it'))
    .requiredOption('--repo <owner/name>', 'the repository of the commit')
    .requiredOption('--sha <sha>', 'the commit to attach the check to (40 hex digits)')
    .addOption(new Option('--name <name>', 'the check run\'s name (the commit status\' context in the fallback)').default('mcp-comply'))
    .addOption(new Option('--fail-on <severity>', 'new findings at or above this severity fail (default: high with --baseline, else the assessment\'s own)').choices([...SEVERITIES, 'none']))
    .addOption(new Option('--report-only', 'conclude neutral instead of failure (and exit 0)'))
    .addOption(new Option('--pr <number>', 'the pull request to comment on in the fallback (default: the open ones of the commit)'))
    .addOption(new Option('--details-url <url>', 'an http(s) link to the full report (the check\'s "details", the status\' target)'))
    .addOption(new Option('--path-prefix <dir>', 'prepended to annotation paths: where the assessed folder sits in the repository (e.g. infra/mcp)'))
    .addOption(new Option('--github-api-url <url>', 'GitHub API base URL (default: GITHUB_API_URL, else https://api.github.com)'))
    .addOption(new Option('--verbose', 'log every GitHub API call (method, route, status, rate limit left) to stderr'))
    .action(async (options: CheckOptions) => {
      const settings = checkSettings(options);
      const current = readAssessmentFile(path.resolve(options.assessment), 'assessment');
      if (isBaseline(current)) {
        throw new UsageError(`${displayPath(path.resolve(options.assessment))} is a baseline: give the current assessment.json as --assessment`);
      }
      const gate = options.baseline
        ? gateOfDrift(driftOf(readAssessmentFile(path.resolve(options.baseline), 'baseline'), current, options.failOn ?? 'high'))
        : gateOfAssessment(current, options.failOn);
      const plan = planCheckRun(gate, {
        name: options.name, reportOnly: Boolean(options.reportOnly),
        ...(settings.detailsUrl ? { detailsUrl: settings.detailsUrl } : {}),
        ...(settings.pathPrefix ? { pathPrefix: settings.pathPrefix } : {}),
      });
      const log = (line: string) => writeErr(`${line}\n`);
      const client = createGitHubClient({ apiUrl: settings.apiUrl, token: settings.token, ...(options.verbose ? { log } : {}) });
      const where = `${settings.owner}/${settings.repo}@${settings.sha.slice(0, 12)}`;
      try {
        const result = await publishCheck(client, { owner: settings.owner, repo: settings.repo, sha: settings.sha, ...(settings.pr ? { pr: settings.pr } : {}) }, plan, log);
        if (result.kind === 'check-run') {
          log(`github check: check run "${plan.name}" on ${where} concluded ${plan.conclusion}: ${plan.title}; `
            + `${result.annotations} annotation(s) in ${result.requests} request(s)${plan.unannotated.length ? `, ${plan.unannotated.length} finding(s) without a file line in the summary only` : ''}`
            + `${result.url ? ` (${printable(result.url)})` : ''}.`);
        } else {
          log(`github check: no check run (the token cannot create one); commit status ${result.status} and ${result.comments.length} pull-request comment(s) on ${where}: ${plan.title}.`);
        }
      } catch (error) {
        if (!(error instanceof PublishError)) throw error;
        // The message quotes GitHub's answer.
        log(`mcp-comply: github check on ${where}: ${printable(error.message)}`);
        if (error.apiError.status === 401) log('mcp-comply: GitHub refused the token (401): set GITHUB_TOKEN to a valid token.');
        process.exitCode = ExitCode.Usage;
        return;
      }
      process.exitCode = plan.conclusion === 'failure' ? ExitCode.Findings : ExitCode.Ok;
    });
}

interface CheckSettings {
  owner: string;
  repo: string;
  sha: string;
  token: string;
  apiUrl: string;
  pr?: number;
  detailsUrl?: string;
  pathPrefix?: string;
}

/** The flags checked before anything is read or sent; a mistake is a usage error (exit 2). */
function checkSettings(options: CheckOptions): CheckSettings {
  const repo = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(options.repo);
  if (!repo || repo[2] === '.' || repo[2] === '..') throw new UsageError(`--repo "${options.repo}" is not owner/name`);
  if (!/^[0-9a-f]{40}$/i.test(options.sha)) throw new UsageError(`--sha "${options.sha}" is not a commit SHA (40 hex digits)`);
  const pr = options.pr === undefined ? undefined : Number(options.pr);
  if (pr !== undefined && !(/^\d+$/.test(options.pr!) && Number.isSafeInteger(pr) && pr >= 1)) throw new UsageError(`--pr "${options.pr}" is not a pull request number`);
  if (options.detailsUrl !== undefined && !httpUrlOf(options.detailsUrl)) throw new UsageError(`--details-url "${options.detailsUrl}" is not an http(s) URL`);
  const apiUrl = resolveGitHubApiUrl(options.githubApiUrl);
  const prefix = checkPathPrefix(options.pathPrefix);
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UsageError('github check needs a token in GITHUB_TOKEN (in Actions: GITHUB_TOKEN with "permissions: checks: write")');
  return {
    owner: repo[1]!, repo: repo[2]!, sha: options.sha.toLowerCase(), token, apiUrl,
    ...(pr !== undefined ? { pr } : {}),
    ...(options.detailsUrl !== undefined ? { detailsUrl: new URL(options.detailsUrl).href } : {}),
    ...(prefix ? { pathPrefix: prefix } : {}),
  };
}
