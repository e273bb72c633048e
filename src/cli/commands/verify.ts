/** `mcp-comply verify DIR`: recompute every evidence hash and the root hash; name anything altered. */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { verifyBundle } from '../../evidence/bundle.js';
import { checkSignature, readPublicKey } from '../../evidence/signature.js';
import { displayPath } from '../../lib/problem.js';
import { printable } from '../../lib/printable.js';
import { readAssessmentFile } from '../assessment-file.js';
import { writeOut } from '../text.js';
import { ExitCode } from '../exit-codes.js';
import { keyOfFlag, locateBundle } from '../run-options.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify an evidence bundle: every item against its recorded sha256, and the root hash (exit 1 when anything was altered)')
    .argument('<dir>', 'evidence bundle, or an output folder holding one in evidence/')
    .addOption(new Option('--key <file>', 'the PEM public key that must have signed the bundle (manifest.sig)'))
    .action((dir: string, options: { key?: string }) => {
      const bundle = locateBundle(dir);
      const expected = options.key ? keyOfFlag('--key', options.key, readPublicKey) : undefined;
      const { manifest, rootHash, problems } = verifyBundle(bundle);
      const signature = manifest ? checkSignature(bundle, manifest.rootHash, expected) : undefined;
      problems.push(...(signature?.problems ?? []));
      const recorded = recordedRootHash(path.dirname(bundle));
      if (manifest && recorded && recorded.rootHash !== manifest.rootHash) {
        problems.push({ subject: ASSESSMENT, file: `../${ASSESSMENT}`, reason: 'root-hash-mismatch', detail: `the assessment records root hash ${recorded.rootHash}, the bundle's manifest ${manifest.rootHash}` });
      }
      // The bundle is untrusted: its file names, item ids and details are printable().
      for (const p of problems) writeOut(`${displayPath(bundle)}/${printable(p.file)}: ${printable(p.reason)}: ${printable(p.subject)}: ${printable(p.detail)}\n`);
      if (problems.length === 0 && manifest) {
        const matched = recorded ? `, the one ${displayPath(recorded.file)} records` : '';
        writeOut(`verified ${manifest.items.length} evidence item(s) in ${displayPath(bundle)}\nroot hash ${rootHash}${matched}\n`);
        const signedBy = signature?.signedBy;
        writeOut(signedBy ? `signed by key ${signedBy.keyFingerprint} (${signedBy.algorithm})${expected ? ', the key given' : ''}\n` : 'not signed\n');
      } else {
        writeOut(`verification failed: ${problems.length} problem(s) in ${displayPath(bundle)}\n`);
        process.exitCode = manifest ? ExitCode.Findings : ExitCode.Usage;
      }
    });
}

const ASSESSMENT = 'assessment.json';

/**
 * The root hash that the assessment beside the bundle records (the one its reports print), so that a
 * bundle made consistent with itself after tampering still fails. Undefined when there is no assessment.
 */
function recordedRootHash(folder: string): { file: string; rootHash: string } | undefined {
  const file = path.join(folder, ASSESSMENT);
  if (!fs.existsSync(file)) return undefined;
  return { file, rootHash: readAssessmentFile(file, 'assessment beside the bundle').evidence.rootHash };
}
