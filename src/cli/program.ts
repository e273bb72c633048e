/** Commander wiring only: commands, options, and how an outcome becomes an exit code. */
import { Command, CommanderError } from 'commander';
import { PACKAGE_VERSION } from '../lib/package-root.js';
import { registerAssess } from './commands/assess.js';
import { registerBaseline } from './commands/baseline.js';
import { registerCollect } from './commands/collect.js';
import { registerControls } from './commands/controls.js';
import { registerDrift } from './commands/drift.js';
import { registerFrameworks } from './commands/frameworks.js';
import { registerGitHub } from './commands/github.js';
import { registerReport } from './commands/report.js';
import { registerTools } from './commands/tools.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify } from './commands/verify.js';
import { WriteError } from '../lib/atomic-write.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { writeErr, writeOut } from './text.js';

export function buildProgram(): Command {
  const program = new Command('mcp-comply')
    .description('Compliance evidence and risk assessment for MCP servers, mapped to GDPR, HIPAA, PCI DSS 4.0.1, the EU AI Act, NIST AI RMF 1.0 and ISO/IEC 42001.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(add --help for usage)')
    // Commander exits 1 on usage errors by default; 1 means "findings" here, so take control of exits.
    .exitOverride()
    // Commander repeats arguments in its errors ("unknown option ..."): through the same writers as the rest.
    .configureOutput({ writeOut, writeErr });
  registerAssess(program);
  registerCollect(program);
  registerReport(program);
  registerDrift(program);
  registerGitHub(program);
  registerBaseline(program);
  registerVerify(program);
  registerTools(program);
  registerValidate(program);
  registerControls(program);
  registerFrameworks(program);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit, so output is flushed. */
export async function runCli(argv: string[]): Promise<number> {
  process.exitCode = ExitCode.Ok;
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return ExitCode.Usage;
    }
    await program.parseAsync(argv);
    return Number(process.exitCode ?? ExitCode.Ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version arrive here as "errors" with exit code 0
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    // A file that cannot be written (a read-only or full disk, a folder in the way) is the input's fault, not ours.
    if (error instanceof UsageError || error instanceof WriteError) {
      writeErr(`mcp-comply: ${error.message}\n`);
      return ExitCode.Usage;
    }
    writeErr(`mcp-comply: internal error: ${(error as Error).stack ?? String(error)}\nThis is a bug in mcp-comply; please report it with the command you ran.\n`);
    return ExitCode.Usage;
  }
}
