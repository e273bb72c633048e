/**
 * mcp.supply-chain.unpinned-image (MCP-SC-02, mcp-formats §3.5 SUP-003 and §3.10): every container
 * image that runs an MCP server is referenced by digest (`image@sha256:<64 hex>`). Looks at the image
 * of `docker run` / `podman run` / `nerdctl run` entries (options and their values skipped), server.json
 * OCI packages (normalised to the same command), and Docker MCP Gateway `--oci-ref` values.
 * `:latest` or no tag (which means latest) is medium; another tag, mutable but deliberate, is low;
 * an image named by a variable is low.
 */
import type { Severity } from '../../catalog/model.js';
import type { Check } from '../types.js';
import { parseImage, parseInvocation, tokenField, type ArgToken } from './command-line.js';
import { argKey } from './locate.js';
import { eachConfig } from './results.js';

const FINDINGS: Record<string, { messageId: string; severity: Severity }> = {
  latest: { messageId: 'latestTag', severity: 'medium' },
  'no-tag': { messageId: 'noTag', severity: 'medium' },
  tag: { messageId: 'mutableTag', severity: 'low' },
  variable: { messageId: 'imageFromVariable', severity: 'low' },
};

export const check: Check = {
  meta: {
    id: 'mcp.supply-chain.unpinned-image',
    title: 'MCP server container images are pinned by digest',
    severity: 'medium',
    evidence: ['mcp-config'],
    messages: {
      latestTag: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the container image {{image}}; the latest tag points at whatever was pushed last, so an unreviewed image runs on the next pull.',
      noTag: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the container image {{image}} without a tag or digest, which means :latest, so an unreviewed image runs on the next pull.',
      mutableTag: 'Server "{{server}}"{{state}} in the {{client}} configuration runs the container image {{image}} by tag; tags can be moved to a different image, only a digest (@sha256:...) fixes what runs.',
      imageFromVariable: 'Server "{{server}}"{{state}} in the {{client}} configuration runs a container image named by a variable ({{image}}), so the configuration does not show which image runs.',
      pinnedByDigest: 'Server "{{server}}"{{state}} in the {{client}} configuration runs its container image by digest.',
      noContainers: 'The {{client}} configuration {{path}} starts no server from a container image.',
    },
    remediation: 'Reference images by digest, e.g. mcp/github@sha256:<digest> (find it with docker buildx imagetools inspect IMAGE:TAG or crane digest IMAGE:TAG), keeping the tag in a comment; let Renovate or Dependabot propose digest updates as reviewed pull requests.',
  },
  run(context) {
    return eachConfig(context, (results) => {
      for (const server of results.file.servers) {
        const invocation = parseInvocation(server);
        const images: ArgToken[] = [];
        if (invocation.kind === 'docker-run' && invocation.docker?.image) images.push(invocation.docker.image);
        for (const flag of invocation.gateway ?? []) {
          if (flag.name === 'oci-ref') for (const value of flag.value.split(',')) images.push({ value: value.trim(), index: flag.valueToken.index });
        }
        for (const image of images) {
          results.evaluate(server);
          const ref = parseImage(image.value);
          const finding = FINDINGS[ref.pin];
          if (!finding) continue;
          results.fail(server, { ...finding, field: tokenField(image), key: argKey(server, ref.repository), data: { image: image.value.trim() } });
        }
      }
      return results.finish('pinnedByDigest', 'noContainers');
    });
  },
};
