/**
 * The report's fonts as `@font-face` rules with base64 `data:` URLs, so the HTML (and the PDF printed
 * from it offline, with every request blocked) needs nothing from outside. Inter for text (400, 600,
 * 700; latin and latin-ext) and JetBrains Mono for ids, paths and hashes (400, latin); other scripts
 * fall back to the fonts in print.css's stack. Read once per process: about 270 kB of CSS.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Face { family: string; pkg: string; file: string; weight: number; subset: string }

const FACES: readonly Face[] = [
  ...[400, 600, 700].flatMap((weight) => ['latin', 'latin-ext'].map((subset) => ({
    family: 'Inter', pkg: '@fontsource/inter', file: `inter-${subset}-${weight}-normal.woff2`, weight, subset,
  }))),
  { family: 'JetBrains Mono', pkg: '@fontsource/jetbrains-mono', file: 'jetbrains-mono-latin-400-normal.woff2', weight: 400, subset: 'latin' },
];

let cached: string | undefined;

/** Every `@font-face` rule of the report, each limited to its subset's `unicode-range` (from the package's unicode.json). */
export function fontFaceCss(): string {
  if (cached === undefined) {
    const ranges = new Map<string, Record<string, string>>();
    const rangeOf = (face: Face) => {
      if (!ranges.has(face.pkg)) ranges.set(face.pkg, JSON.parse(fs.readFileSync(require.resolve(`${face.pkg}/unicode.json`), 'utf8')) as Record<string, string>);
      const range = ranges.get(face.pkg)![face.subset];
      if (!range) throw new Error(`${face.pkg}/unicode.json has no "${face.subset}" subset`);
      return range;
    };
    cached = FACES.map((face) => {
      const data = fs.readFileSync(require.resolve(`${face.pkg}/files/${face.file}`)).toString('base64');
      return `@font-face{font-family:'${face.family}';font-style:normal;font-weight:${face.weight};font-display:block;`
        + `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${rangeOf(face)}}`;
    }).join('\n');
  }
  return cached;
}
