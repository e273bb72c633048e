/**
 * Repository evidence: the facts a local repository's files show about its security governance,
 * dependency hygiene, CI workflows and committed secrets. Facts only; the repo.* checks decide.
 * Every path is a display path (relative to the assessed root, POSIX); positions are 1-based.
 * No file content is copied, except the few values checks judge (action references, permissions,
 * checkout refs); a secret is recorded as its kind and place, never its value.
 */
import type { SourcePosition } from '../../lib/source-position.js';

/** Committed secrets listed per repository; the total keeps counting past it. */
export const MAX_SECRET_FINDINGS = 500;

export interface RepositoryEvidence {
  /** Display path of the repository root. */
  root: string;
  /** Whether the folder is a git repository (has `.git`). */
  git: boolean;
  /** How the file list was made: the tracked files in `.git/index`, or a walk honouring `.gitignore` files. */
  listing: 'git-index' | 'walk';
  /**
   * The assessed folders the file list was limited to, when the repository encloses them (display paths).
   * Governance files (SECURITY.md, CODEOWNERS, dependency-update configs, workflows) are still read at the top.
   */
  scope?: string[];
  /** The SECURITY.md found (root, `.github/` or `docs/`), if any. */
  securityPolicy?: string;
  codeowners?: { path: string; /** Non-blank, non-comment lines. */ rules: number };
  manifests: DependencyManifest[];
  dependencyUpdates: DependencyUpdates;
  workflows: WorkflowFile[];
  secrets: CommittedSecrets;
  files: FileCoverage;
}

/** Ecosystems as Dependabot names them (`package-ecosystem`). */
export type Ecosystem = 'npm' | 'pip' | 'gomod' | 'cargo' | 'github-actions' | 'docker';
export type ManifestEcosystem = Extract<Ecosystem, 'npm' | 'pip' | 'gomod' | 'cargo'>;

export interface DependencyManifest {
  path: string;
  ecosystem: ManifestEcosystem;
  /** The lockfile that covers it (its own folder or, for workspaces, an ancestor); for a requirements file pinned throughout, the file itself. */
  lockfile?: string;
  /** It declares no dependencies, so there is nothing to lock. */
  noDependencies?: boolean;
  /** A requirements file: the first requirement pinned neither with `==` nor with `--hash`. */
  unpinned?: SourcePosition & { name: string };
}

export interface DependencyUpdates {
  dependabot?: DependabotConfig;
  /** The Renovate configuration file, or `package.json` when the root package.json has a `renovate` key. */
  renovate?: string;
  /** Ecosystems present in the repository, each with the first file that shows it. */
  present: Array<{ ecosystem: Ecosystem; path: string }>;
}

export interface DependabotConfig {
  path: string;
  /** False when the file could not be parsed (an `unreadable-source` item says why); GitHub does not run it either. */
  readable: boolean;
  /** Position of the `updates` key (of the document when it has none). */
  updatesAt: SourcePosition;
  /** `updates[].package-ecosystem` values with their positions. */
  ecosystems: Array<SourcePosition & { value: string }>;
}

export interface WorkflowFile {
  path: string;
  /** A workflow under `.github/workflows/`, or an `action.yml` (composite or Docker action). */
  kind: 'workflow' | 'action';
  /** Event names of `on` (string, list or map form). */
  triggers: string[];
  /** Top-level `permissions`. */
  permissions?: Permissions;
  jobs: WorkflowJob[];
  /** An action's references: `runs.steps[].uses` of a composite action, `runs.image` of a Docker one. */
  uses: ActionRef[];
}

/** A `permissions` block: `read-all`, `write-all`, or scope -> access (`{}` grants nothing). Position of the value. */
export interface Permissions extends SourcePosition {
  value: string | Record<string, string>;
}

export interface WorkflowJob extends SourcePosition {
  /** The job id; the position is its key's. */
  id: string;
  permissions?: Permissions;
  /** Job-level `uses` (a reusable workflow) and every step's `uses`, in order. */
  uses: ActionRef[];
  /** `actions/checkout` steps with a `with.ref`. */
  checkouts: CheckoutRef[];
}

/** A `uses:` value and where it is; `pointer` names it in the file (`jobs.build.steps[2].uses`). */
export interface ActionRef extends SourcePosition {
  value: string;
  pointer: string;
}

/** The `with.ref` of an `actions/checkout` step (position of the value). */
export interface CheckoutRef extends SourcePosition {
  value: string;
  pointer: string;
}

export interface CommittedSecrets {
  /** Every secret found; `findings` lists the first MAX_SECRET_FINDINGS. */
  total: number;
  findings: SecretLocation[];
}

export interface SecretLocation extends SourcePosition {
  path: string;
  /** Kind from src/evidence/secrets.ts (`github-token`, `high-entropy-secret`, ...). */
  kind: string;
}

/** What was looked at, so coverage is evidence too. */
export interface FileCoverage {
  /** Files listed (tracked, or found by the walk) within the scope. */
  listed: number;
  /** Files scanned for secrets. */
  scanned: number;
  /** Files and folders passed over, by reason (`binary`, `too-large`, `lockfile`, `symlink`, ...). */
  skipped: Array<{ reason: string; count: number }>;
}
