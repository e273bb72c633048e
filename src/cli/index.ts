#!/usr/bin/env node
/** The `mcp-comply` executable. */
import { ExitCode } from './exit-codes.js';
import { runCli } from './program.js';
import { outputLost } from './text.js';

const code = await runCli(process.argv);
process.exitCode = outputLost() ? ExitCode.Usage : code;
