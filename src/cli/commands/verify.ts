/** `mcp-comply verify DIR`: recompute every evidence hash and the root hash; name anything altered. */
import type { Command } from 'commander';
import { verifyBundle } from '../../evidence/bundle.js';
import { displayPath } from '../../lib/problem.js';
import { ExitCode } from '../exit-codes.js';
import { locateBundle } from '../run-options.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify an evidence bundle: every item against its recorded sha256, and the root hash (exit 1 when anything was altered)')
    .argument('<dir>', 'evidence bundle, or an output folder holding one in evidence/')
    .action((dir: string) => {
      const bundle = locateBundle(dir);
      const { manifest, rootHash, problems } = verifyBundle(bundle);
      for (const p of problems) process.stdout.write(`${displayPath(bundle)}/${p.file}: ${p.reason}: ${p.subject}: ${p.detail}\n`);
      if (problems.length === 0 && manifest) {
        process.stdout.write(`verified ${manifest.items.length} evidence item(s) in ${displayPath(bundle)}\nroot hash ${rootHash}\n`);
      } else {
        process.stdout.write(`verification failed: ${problems.length} problem(s) in ${displayPath(bundle)}\n`);
        process.exitCode = manifest ? ExitCode.Findings : ExitCode.Usage;
      }
    });
}
