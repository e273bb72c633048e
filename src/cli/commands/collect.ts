/** `mcp-comply collect`: gather evidence into a hashed bundle only (assess it later with --evidence). */
import path from 'node:path';
import type { Command } from 'commander';
import { writeBundle } from '../../evidence/bundle.js';
import { displayPath } from '../../lib/problem.js';
import { printable } from '../../lib/printable.js';
import { runTime } from '../clock.js';
import { signBundle } from '../../evidence/signature.js';
import { addSourceOptions, gatherEvidence, resolveSources, signingKey, type SourceOptions } from '../run-options.js';
import { writeErr, writeOut } from '../text.js';

export function registerCollect(program: Command): void {
  addSourceOptions(program.command('collect'))
    .description('collect evidence from MCP configurations and tool snapshots into a hashed, redacted bundle (DIR/evidence)')
    .action(async (args: string[], options: SourceOptions) => {
      const now = runTime();
      const sources = resolveSources(args, options);
      const key = signingKey(options);
      const { items, failures } = await gatherEvidence(sources, options, now);
      for (const failure of failures) writeErr(`mcp-comply: collector ${printable(failure.collector)} failed: ${printable(failure.message)}\n`);
      const dir = path.resolve(options.out, 'evidence');
      const manifest = writeBundle(dir, items, now);
      const signed = key ? signBundle(dir, manifest.rootHash, key) : undefined;
      writeOut(`collected ${items.length} evidence item(s) into ${displayPath(dir)}\nroot hash ${manifest.rootHash}\n`);
      if (signed) writeOut(`signed by key ${signed.keyFingerprint} (${signed.algorithm})\n`);
    });
}
