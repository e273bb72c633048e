/** `mcp-comply verify DIR`: recompute every evidence hash and the root hash; name anything altered. */
import type { Command } from 'commander';
import { verifyBundle } from '../../evidence/bundle.js';
import { displayPath } from '../../lib/problem.js';
import { printable } from '../../lib/printable.js';
import { writeOut } from '../text.js';
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
      // The bundle is untrusted: its file names, item ids and details are printable().
      for (const p of problems) writeOut(`${displayPath(bundle)}/${printable(p.file)}: ${printable(p.reason)}: ${printable(p.subject)}: ${printable(p.detail)}\n`);
      if (problems.length === 0 && manifest) {
        writeOut(`verified ${manifest.items.length} evidence item(s) in ${displayPath(bundle)}\nroot hash ${rootHash}\n`);
      } else {
        writeOut(`verification failed: ${problems.length} problem(s) in ${displayPath(bundle)}\n`);
        process.exitCode = manifest ? ExitCode.Findings : ExitCode.Usage;
      }
    });
}
