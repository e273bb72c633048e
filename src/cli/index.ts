#!/usr/bin/env node
/** The `mcp-comply` executable. */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv);
