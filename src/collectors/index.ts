/** The collectors `collect` and `assess` run, in order. */
import type { Collector } from '../evidence/types.js';
import { advisoriesCollector } from './advisories/index.js';
import { githubCollector } from './github/index.js';
import { logsCollector } from './logs/index.js';
import { mcpConfigCollector } from './mcp-config/index.js';
import { probeCollector } from './probe/index.js';
import { repoCollector } from './repo/index.js';
import { toolSnapshotCollector } from './tool-snapshot/index.js';

export const COLLECTORS: Collector[] = [mcpConfigCollector, toolSnapshotCollector, advisoriesCollector, logsCollector, repoCollector, githubCollector, probeCollector];
