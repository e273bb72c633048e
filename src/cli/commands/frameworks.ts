/** `mcp-comply frameworks list|show ID`: the frameworks the catalog maps to, and their gaps. */
import type { Command } from 'commander';
import type { Framework } from '../../catalog/model.js';
import { requirementIdsOf } from '../../catalog/requirement-ids.js';
import { didYouMean } from '../../lib/suggest.js';
import { addCatalogOptions, loadValidCatalog, type CatalogOptions } from '../catalog-option.js';
import { UsageError } from '../exit-codes.js';
import { table, wrap, writeJson, writeOut } from '../text.js';
import { printable } from '../../lib/printable.js';


export function registerFrameworks(program: Command): void {
  const frameworks = program.command('frameworks').description('list and show the framework mappings');

  addCatalogOptions(frameworks.command('list'))
    .description('list frameworks with how many requirements and controls their mapping links')
    .action((options: CatalogOptions) => {
      const catalog = loadValidCatalog(options);
      const stats = catalog.frameworks.map((f) => frameworkStats(f));
      if (options.format === 'json') return writeJson(catalog.frameworks.map((f, i) => ({ id: f.id, name: f.name, version: f.version, ...stats[i] })));
      writeOut(`${table([
        ['ID', 'VERSION', 'REQUIREMENTS', 'LINKS', 'CONTROLS', 'NAME'],
        ...catalog.frameworks.map((f, i) => [f.id, f.version, `${stats[i]!.reached}/${stats[i]!.requirements}`, String(stats[i]!.links), String(stats[i]!.controls), f.name]),
      ])}\nREQUIREMENTS: mapped requirements that at least one control reaches / all mapped requirements\n`);
    });

  addCatalogOptions(frameworks.command('show'))
    .description('show each requirement of a framework with its controls, and the requirements no control reaches')
    .argument('<id>', 'framework id, e.g. gdpr')
    .action((id: string, options: CatalogOptions) => {
      const catalog = loadValidCatalog(options);
      const framework = catalog.frameworks.find((f) => f.id === id.toLowerCase());
      if (!framework) throw new UsageError(`unknown framework "${id}"${didYouMean(id, catalog.frameworks.map((f) => f.id))}; known: ${catalog.frameworks.map((f) => f.id).join(', ')}`);
      const unreached = framework.requirements.filter((r) => r.controls.length === 0);
      const titles = new Map(catalog.controls.map((c) => [c.id, c.title]));
      const stats = frameworkStats(framework);
      if (options.format === 'json') {
        const { files: _files, ...rest } = framework;
        return writeJson({ ...rest, requirements: rest.requirements.map(({ file: _file, ...r }) => r), stats, unreached: unreached.map((r) => r.id) });
      }
      // A config may name extra catalogs from the repository: their text is printable(), in table() or wrap().
      const lines = [
        `${printable(framework.id)}  ${printable(framework.name)} (${printable(framework.version)})`,
        `Publisher: ${printable(framework.publisher)}`,
        `Source:    ${printable(framework.source)}`,
        `Mapped:    ${stats.reached} of ${stats.requirements} listed requirements reached by ${stats.controls} controls through ${stats.links} links`
          + (stats.frameworkIds ? `; the framework has ${stats.frameworkIds} requirement ids in all` : ''),
        ...(framework.outcomeLabels
          ? ['', 'Outcomes in the framework\'s words', table(Object.entries(framework.outcomeLabels).map(([outcome, label]) => ['  ' + outcome, label]))]
          : []),
        '',
      ];
      for (const requirement of framework.requirements.filter((r) => r.controls.length > 0)) {
        lines.push(`${printable(requirement.id)}  ${printable(requirement.title)}`);
        lines.push(table(requirement.controls.map((l) => ['    ' + l.control, l.relationship, l.property, titles.get(l.control) ?? ''])));
        if (requirement.note) lines.push(wrap(`note: ${requirement.note}`, 4));
        lines.push('');
      }
      lines.push(`Requirements no control reaches (${unreached.length})`);
      if (unreached.length === 0) lines.push('  none');
      for (const requirement of unreached) {
        lines.push(`  ${printable(requirement.id)}  ${printable(requirement.title)}`);
        if (requirement.note) lines.push(wrap(requirement.note, 4));
      }
      writeOut(`${lines.join('\n')}\n`);
    });
}

function frameworkStats(framework: Framework) {
  const links = framework.requirements.reduce((n, r) => n + r.controls.length, 0);
  return {
    requirements: framework.requirements.length,
    reached: framework.requirements.filter((r) => r.controls.length > 0).length,
    links,
    controls: new Set(framework.requirements.flatMap((r) => r.controls.map((l) => l.control))).size,
    frameworkIds: requirementIdsOf(framework.id)?.size,
  };
}
