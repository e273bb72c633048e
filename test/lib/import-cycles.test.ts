/**
 * src/ has no import cycle, type-only imports included: the pipeline reads one way (collectors ->
 * evidence -> checks -> engine -> reporters), and a shared type lives below both of its users
 * (src/lib/source-position.ts, not evidence/types.ts, which imports the collectors' models).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../src/lib/package-root.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

/** Every cycle among the .ts files under `root` (strongly connected components of more than one file, or a file importing itself). */
function importCycles(root: string): string[][] {
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, f));
  const known = new Set(files);
  const imports = new Map(files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\b(?:import|export)\b[^'";]*?\bfrom\s+'(\.{1,2}\/[^']+)'/g)]
      .map((m) => path.join(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')))
      .filter((target) => known.has(target));
    return [file, targets];
  }));

  // Tarjan's strongly connected components.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    order.set(file, order.size);
    low.set(file, order.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const target of imports.get(file)!) {
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, order.get(target)!));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(path.relative(root, member));
    } while (member !== file);
    if (component.length > 1 || imports.get(file)!.includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!order.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('src/ has none', () => {
    assert.deepEqual(importCycles(path.join(PACKAGE_ROOT, 'src')), []);
  });

  it('are found when there is one, type-only imports and re-exports included', () => {
    const root = tempDir('import-cycles-');
    write(root, 'evidence/types.ts', "import type { Model } from '../collectors/model.js';\nexport interface Item { data: Model }\n");
    write(root, 'collectors/model.ts', "import type { Position } from '../evidence/types.js';\nexport interface Model { at: Position }\n");
    write(root, 'a.ts', "export { b } from './b.js';\nexport const a = 1;\n");
    write(root, 'b.ts', "import { a } from './a.js';\nexport const b = a;\n");
    write(root, 'lib/alone.ts', "import fs from 'node:fs';\nexport const alone = fs;\n");
    assert.deepEqual(importCycles(root).sort(), [['a.ts', 'b.ts'], ['collectors/model.ts', 'evidence/types.ts']]);
  });
});
