/** `mcp-comply controls list|show ID`: browse the control catalog. */
import type { Command } from 'commander';
import { AUTOMATION_MEANING, type Catalog, type Control } from '../../catalog/model.js';
import { PRACTICES, THREATS } from '../../catalog/taxonomy.js';
import { displayPath } from '../../lib/problem.js';
import { didYouMean } from '../../lib/suggest.js';
import { addCatalogOptions, loadValidCatalog, type CatalogOptions } from '../catalog-option.js';
import { UsageError } from '../exit-codes.js';
import { table, wrap, writeJson, writeOut } from '../text.js';
import { printable } from '../../lib/printable.js';


export function registerControls(program: Command): void {
  const controls = program.command('controls').description('list and show the controls of the catalog');

  addCatalogOptions(controls.command('list'))
    .description('list controls, optionally of one family or mapped to one framework')
    .option('--family <id>', 'only controls of this family (e.g. AC)')
    .option('--framework <id>', 'only controls mapped to this framework (e.g. gdpr)')
    .action((options: CatalogOptions & { family?: string; framework?: string }) => {
      const catalog = loadValidCatalog(options);
      let selected = catalog.controls;
      if (options.family) selected = selected.filter((c) => c.family?.id === options.family!.toUpperCase());
      if (options.framework) {
        const framework = catalog.frameworks.find((f) => f.id === options.framework);
        if (!framework) throw new UsageError(`unknown framework "${options.framework}"${didYouMean(options.framework, catalog.frameworks.map((f) => f.id))}`);
        const mapped = new Set(framework.requirements.flatMap((r) => r.controls.map((l) => l.control)));
        selected = selected.filter((c) => mapped.has(c.id));
      }
      if (options.format === 'json') return writeJson(selected.map((c) => publicControl(c, catalog)));
      writeOut(`${table([
        ['ID', 'SEVERITY', 'RISK', 'CHECKS', 'AUTOMATION', 'TITLE'],
        ...selected.map((c) => [c.id, c.severity, String(c.likelihood * c.impact), c.checks.length ? String(c.checks.length) : 'manual', c.automation, c.title]),
      ])}\n${selected.length} control(s)\n`);
    });

  addCatalogOptions(controls.command('show'))
    .description('show one control: objective, risk, checks, manual evidence, remediation and framework links')
    .argument('<id>', 'control id, e.g. MCP-AC-01')
    .action((id: string, options: CatalogOptions) => {
      const catalog = loadValidCatalog(options);
      const control = catalog.controls.find((c) => c.id === id.toUpperCase());
      if (!control) throw new UsageError(`unknown control "${id}"${didYouMean(id, catalog.controls.map((c) => c.id))}`);
      const view = publicControl(control, catalog);
      if (options.format === 'json') return writeJson(view);
      // A config may name extra catalogs from the repository: their text is printable(), in table() or wrap().
      const lines = [
        `${printable(control.id)}  ${printable(control.title)}`,
        '',
        table([
          ['Family', control.family ? `${control.family.id} ${control.family.title}` : '-'],
          ['Severity', control.severity],
          ['Risk', `likelihood ${control.likelihood} x impact ${control.impact} = ${control.likelihood * control.impact} (inherent)`],
          ['Checks', control.checks.length ? control.checks.join(', ') : 'none: decided by manual evidence or attestation'],
          ['Automation', `${control.automation}: ${AUTOMATION_MEANING[control.automation]}`],
          ['Defined in', view.file],
        ]),
        '', 'Objective', wrap(control.objective),
        ...(control.manualPart ? ['', 'Not decided by the checks (manual evidence outstanding until attested)', wrap(control.manualPart)] : []),
        '', 'Practices', ...control.practices.map((p) => `  ${printable(p)}  ${PRACTICES[p] ?? ''}`),
        '', 'Threats', ...control.threats.map((t) => `  ${printable(t)}  ${THREATS[t] ?? ''}`),
        '', 'Manual evidence an auditor accepts', ...control.evidence.map((e) => wrap(e, 4).replace(/^ {4}/, '  - ')),
        '', 'Remediation', wrap(control.remediation),
        '', 'Framework requirements',
        ...(view.requirements.length
          ? [table(view.requirements.map((r) => ['  ' + r.framework, r.requirement, r.relationship, r.property, r.rationale]))]
          : ['  (mapped to no requirement)']),
      ];
      if (control.references?.length) lines.push('', 'References', ...control.references.map((r) => `  ${printable(r.title)}: ${printable(r.url)}`));
      writeOut(`${lines.join('\n')}\n`);
    });
}

/** The control as users see it: its data, where it is defined, and the requirements it reaches. */
function publicControl(control: Control, catalog: Catalog) {
  const requirements = catalog.frameworks.flatMap((f) => f.requirements.flatMap((r) =>
    r.controls.filter((l) => l.control === control.id)
      .map((l) => ({ framework: f.id, requirement: r.id, title: r.title, relationship: l.relationship, property: l.property, rationale: l.rationale }))));
  return { ...control, file: displayPath(control.file), requirements };
}
