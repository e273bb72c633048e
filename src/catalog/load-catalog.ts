/**
 * Loads catalog folders (controls/*.yaml and mappings/*.yaml), validates every file against its
 * schema, then checks the references between them: duplicate ids, unknown checks, practices, threats,
 * controls and requirement ids, and that every practice, threat and check id is covered.
 * Problems never stop the load: whatever is valid is kept, so one bad file hides nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHECK_IDS } from '../checks/ids.js';
import { PACKAGE_ROOT } from '../lib/package-root.js';
import type { Problem, ProblemSeverity } from '../lib/problem.js';
import { isValidDefinition, validateYaml, type SchemaName } from '../lib/schemas.js';
import { didYouMean } from '../lib/suggest.js';
import { readYamlFile, type YamlFile } from '../lib/yaml-file.js';
import type { Catalog, Control, ControlFamily, Framework, Requirement, RequirementLink } from './model.js';
import { requirementIdHint, requirementIdsOf } from './requirement-ids.js';
import { PRACTICES, THREATS } from './taxonomy.js';

export const BUILTIN_CATALOG = PACKAGE_ROOT;

export interface CatalogLoad {
  catalog: Catalog;
  problems: Problem[];
}

/** One YAML file and the items of it that passed the schema, with their index in the file. */
interface LoadedFile<T> { yaml: YamlFile; items: Array<{ index: number; value: T }> }

type ControlFile = { family?: ControlFamily; controls: unknown[] };
type MappingFile = { framework: Omit<Framework, 'requirements' | 'files'>; requirements: unknown[] };
type RawControl = Omit<Control, 'file' | 'family'>;
/** A link as the YAML gives it: `property` may be left out (integral). */
type RawRequirement = Omit<Requirement, 'file' | 'controls'> & { controls: Array<Omit<RequirementLink, 'property'> & Partial<Pick<RequirementLink, 'property'>>> };

export function loadCatalog(roots: string[] = [BUILTIN_CATALOG]): CatalogLoad {
  const problems: Problem[] = [];
  const report = (file: string, severity: ProblemSeverity, code: string, message: string, at?: { line: number; column: number }) =>
    problems.push({ file, ...at, severity, code, message });
  let complete = true;

  const controlFiles: Array<LoadedFile<RawControl> & { family?: ControlFamily }> = [];
  const mappingFiles: Array<LoadedFile<RawRequirement> & { framework?: MappingFile['framework'] }> = [];

  for (const root of roots) {
    const controlsDir = path.join(root, 'controls');
    const mappingsDir = path.join(root, 'mappings');
    const controlPaths = yamlFilesIn(controlsDir);
    const mappingPaths = yamlFilesIn(mappingsDir);
    if (controlPaths === undefined && mappingPaths === undefined) {
      report(root, 'error', 'catalog-not-found', 'is not a catalog folder: it has neither controls/ nor mappings/');
      complete = false;
      continue;
    }
    for (const file of controlPaths ?? []) {
      const loaded = loadFile<RawControl>(file, 'controls', 'controls', 'control', problems);
      complete &&= loaded.complete;
      controlFiles.push({ ...loaded.file, family: (loaded.file.yaml.value as ControlFile | undefined)?.family });
    }
    for (const file of mappingPaths ?? []) {
      const loaded = loadFile<RawRequirement>(file, 'mapping', 'requirements', 'requirement', problems);
      complete &&= loaded.complete;
      const header = (loaded.file.yaml.value as MappingFile | null | undefined)?.framework;
      const headerValid = header !== undefined && isValidDefinition('mapping', 'framework', header);
      mappingFiles.push({ ...loaded.file, framework: headerValid ? header : undefined });
    }
  }

  const controls = checkControls(controlFiles, report);
  const frameworks = checkMappings(mappingFiles, new Map(controls.map((c) => [c.id, c])), report);

  const coverageFile = path.join(roots[0] ?? BUILTIN_CATALOG, 'controls');
  if (complete) checkCoverage(controls, frameworks, controlFiles, coverageFile, report);
  else report(coverageFile, 'warning', 'coverage-not-checked',
    'coverage of practices, threats and check ids was not checked because parts of the catalog could not be read');

  return { catalog: { roots, controls, frameworks }, problems };
}

function yamlFilesIn(dir: string): string[] | undefined {
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return undefined; }
  return entries
    .filter((e) => /\.ya?ml$/.test(e.name) && (e.isFile() || e.isSymbolicLink()))
    .map((e) => path.join(dir, e.name))
    .sort();
}

function loadFile<T>(
  file: string, schema: SchemaName, listKey: string, definition: string, problems: Problem[],
): { file: LoadedFile<T>; complete: boolean } {
  const yaml = readYamlFile(file);
  problems.push(...yaml.problems);
  if (yaml.value === undefined) return { file: { yaml, items: [] }, complete: false };
  const schemaProblems = validateYaml(yaml, schema);
  problems.push(...schemaProblems);
  const list = (yaml.value as Record<string, unknown> | null)?.[listKey];
  const all = Array.isArray(list) ? list.map((value, index) => ({ index, value: value as T })) : [];
  if (schemaProblems.length === 0) return { file: { yaml, items: all }, complete: true };
  // Keep the items that are valid on their own, so one bad control hides no other problem.
  const items = all.filter(({ value }) => isValidDefinition(schema, definition, value));
  return { file: { yaml, items }, complete: Array.isArray(list) && items.length === list.length };
}

type Report = (file: string, severity: ProblemSeverity, code: string, message: string, at?: { line: number; column: number }) => void;

function checkControls(files: Array<LoadedFile<RawControl> & { family?: ControlFamily }>, report: Report): Control[] {
  const controls: Control[] = [];
  const firstSeen = new Map<string, string>();
  const knownChecks = new Set<string>(CHECK_IDS);
  for (const { yaml, items, family } of files) {
    for (const { index, value } of items) {
      const at = (...p: Array<string | number>) => yaml.positionOf(['controls', index, ...p]);
      const idAt = at('id');
      const previous = firstSeen.get(value.id);
      if (previous) {
        report(yaml.file, 'error', 'duplicate-control', `control id ${value.id} is already defined at ${previous}`, idAt);
        continue;
      }
      firstSeen.set(value.id, `${yaml.file}:${idAt.line}:${idAt.column}`);
      value.practices.forEach((p, i) => {
        if (!(p in PRACTICES)) report(yaml.file, 'error', 'unknown-practice', `unknown practice ${p}; practices are P01-P24`, at('practices', i));
      });
      value.threats.forEach((t, i) => {
        if (!(t in THREATS)) report(yaml.file, 'error', 'unknown-threat', `unknown threat ${t}; threats are T01-T12`, at('threats', i));
      });
      value.checks.forEach((c, i) => {
        if (!knownChecks.has(c)) report(yaml.file, 'error', 'unknown-check', `unknown check id "${c}"${didYouMean(c, knownChecks)}`, at('checks', i));
      });
      checkAutomation(value, (code, message, ...p) => report(yaml.file, 'error', code, message, at(...p)));
      controls.push({ ...value, ...(family ? { family } : {}), file: yaml.file });
    }
  }
  return controls;
}

/**
 * A control's automation must agree with its checks, and the manual part must be named exactly
 * when the checks decide only part of it: a control that over-claims or leaves its rest unnamed
 * would let a partial test read as a pass.
 */
function checkAutomation(
  control: RawControl, problem: (code: string, message: string, ...at: string[]) => void,
): void {
  const { id, automation, checks, manualPart } = control;
  if (automation === 'none' && checks.length > 0) {
    problem('automation-contradicts-checks', `control ${id} has automation none but lists ${checks.length} check(s); say full or partial`, 'automation');
  } else if (automation !== 'none' && checks.length === 0) {
    problem('automation-contradicts-checks', `control ${id} has automation ${automation} but lists no check; say none`, 'automation');
  }
  if (automation === 'partial' && manualPart === undefined) {
    problem('manual-part-missing', `control ${id} is partial but has no manualPart naming what its checks do not decide and the manual evidence outstanding`, 'automation');
  } else if (automation !== 'partial' && manualPart !== undefined) {
    problem('manual-part-not-partial', `control ${id} has a manualPart but automation ${automation}; only a partial control names a manual part`, 'manualPart');
  }
}

function checkMappings(
  files: Array<LoadedFile<RawRequirement> & { framework?: MappingFile['framework'] }>,
  controls: Map<string, Control>,
  report: Report,
): Framework[] {
  const frameworks = new Map<string, Framework>();
  const requirementsOf = new Map<Framework, Map<string, Requirement>>();
  for (const { yaml, items, framework } of files) {
    if (!framework) continue;
    const headerAt = yaml.positionOf(['framework', 'id']);
    const expectedName = path.basename(yaml.file).replace(/\.ya?ml$/, '');
    if (expectedName !== framework.id) {
      report(yaml.file, 'warning', 'mapping-file-name', `maps framework "${framework.id}" but is named ${expectedName}; name it ${framework.id}.yaml`, headerAt);
    }
    const validIds = requirementIdsOf(framework.id);
    if (!validIds) {
      report(yaml.file, 'warning', 'unknown-framework', `no list of requirement ids is known for framework "${framework.id}", so its ids are not verified`, headerAt);
    }
    const retention = framework.logRetention;
    if (retention && validIds && !validIds.has(retention.requirement)) {
      report(yaml.file, 'error', 'unknown-requirement',
        `"${retention.requirement}" is not a requirement id of ${framework.id}${requirementIdHint(framework.id, retention.requirement, validIds)}`,
        yaml.positionOf(['framework', 'logRetention', 'requirement']));
    }
    let merged = frameworks.get(framework.id);
    if (!merged) {
      merged = { ...framework, requirements: [], files: [] };
      frameworks.set(framework.id, merged);
      requirementsOf.set(merged, new Map());
    } else if (merged.version !== framework.version) {
      report(yaml.file, 'error', 'framework-version-conflict',
        `framework "${framework.id}" version "${framework.version}" conflicts with version "${merged.version}" in ${merged.files[0]}`,
        yaml.positionOf(['framework', 'version']));
      continue;
    }
    merged.files.push(yaml.file);
    // A user's mapping file may add conditions to a framework; requirements may use any defined so far.
    merged.applicability = { ...merged.applicability, ...framework.applicability };
    // A later layer may also reword outcomes and figures, label by label.
    if (framework.outcomeLabels) merged.outcomeLabels = { ...merged.outcomeLabels, ...framework.outcomeLabels };
    if (framework.figureLabels) merged.figureLabels = { ...merged.figureLabels, ...framework.figureLabels };
    const conditions = merged.applicability;
    const checkCondition = (name: string | undefined, at: { line: number; column: number } | undefined) => {
      if (name === undefined || name in conditions) return true;
      const known = Object.keys(conditions);
      report(yaml.file, 'error', 'unknown-condition',
        `appliesTo "${name}" is not a condition of ${framework.id}'s applicability${known.length ? didYouMean(name, known) : ' (it defines none)'}`, at);
      return false;
    };
    if (!checkCondition(framework.appliesTo, yaml.positionOf(['framework', 'appliesTo']))) delete merged.appliesTo;

    const inThisFile = new Set<string>();
    for (const { index, value } of items) {
      const at = (...p: Array<string | number>) => yaml.positionOf(['requirements', index, ...p]);
      if (validIds && !validIds.has(value.id)) {
        report(yaml.file, 'error', 'unknown-requirement',
          `"${value.id}" is not a requirement id of ${framework.id}${requirementIdHint(framework.id, value.id, validIds)}`, at('id'));
        continue;
      }
      if (inThisFile.has(value.id)) {
        report(yaml.file, 'error', 'duplicate-requirement', `requirement "${value.id}" is listed twice in this file`, at('id'));
        continue;
      }
      inThisFile.add(value.id);
      if (!checkCondition(value.appliesTo, at('appliesTo'))) continue;
      const linked = new Set<string>();
      const links = value.controls.filter((link, i) => {
        if (!controls.has(link.control)) {
          report(yaml.file, 'error', 'unknown-control', `unknown control "${link.control}"${didYouMean(link.control, controls.keys())}`, at('controls', i, 'control'));
          return false;
        }
        if (linked.has(link.control)) {
          report(yaml.file, 'error', 'duplicate-link', `control ${link.control} is linked to "${value.id}" twice`, at('controls', i, 'control'));
          return false;
        }
        linked.add(link.control);
        return true;
      }).map((link): RequirementLink => ({ ...link, property: link.property ?? 'integral' }));
      if (value.controls.length === 0 && !value.note) {
        report(yaml.file, 'warning', 'requirement-without-controls',
          `requirement "${value.id}" lists no control; add a note saying why it is kept as a gap`, at('id'));
      }
      const byId = requirementsOf.get(merged)!;
      const existing = byId.get(value.id);
      if (existing) existing.controls.push(...links.filter((l) => !existing.controls.some((e) => e.control === l.control)));
      else {
        const requirement = { ...value, controls: links, file: yaml.file };
        byId.set(value.id, requirement);
        merged.requirements.push(requirement);
      }
    }
  }
  return [...frameworks.values()];
}

function checkCoverage(
  controls: Control[], frameworks: Framework[], files: Array<LoadedFile<RawControl>>, folder: string, report: Report,
): void {
  const covered = (key: 'practices' | 'threats' | 'checks') => new Set(controls.flatMap((c) => c[key]));
  const practices = covered('practices');
  for (const [id, title] of Object.entries(PRACTICES)) {
    if (!practices.has(id)) report(folder, 'error', 'practice-not-covered', `practice ${id} (${title}) is covered by no control`);
  }
  const threats = covered('threats');
  for (const [id, title] of Object.entries(THREATS)) {
    if (!threats.has(id)) report(folder, 'error', 'threat-not-covered', `threat ${id} (${title}) is covered by no control`);
  }
  const checks = covered('checks');
  for (const id of CHECK_IDS) {
    if (!checks.has(id)) report(folder, 'error', 'check-not-covered', `check ${id} is listed by no control, so its results would reach no framework`);
  }
  const mapped = new Set(frameworks.flatMap((f) => f.requirements.flatMap((r) => r.controls.map((l) => l.control))));
  for (const { yaml, items } of files) {
    for (const { index, value } of items) {
      if (!mapped.has(value.id)) {
        report(yaml.file, 'warning', 'control-not-mapped', `control ${value.id} is mapped to no framework requirement`, yaml.positionOf(['controls', index, 'id']));
      }
    }
  }
}
