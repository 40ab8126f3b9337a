import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's walls, checked on the source: `shared/` is plain TypeScript that runs
 * anywhere (no Node, no Electron, nothing from the layers above it); only the Electron
 * shell imports 'electron'; the renderer reaches the backend through the contract only.
 */

const ROOT = path.resolve(__dirname, '../..');
const SKIP_DIRS = new Set([
  'node_modules',
  'out',
  'dist',
  'release',
  'test-results',
  'playwright-report',
  '.git',
  'coverage',
]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(d, entry.name));
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path.join(d, entry.name));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found;
}

/** Every module specifier a file names: static imports and re-exports, import(), require(). */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  const patterns = [
    /(?:^|[;}\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"\n]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));
const isNodeBuiltin = (spec: string) =>
  spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]);
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
/** Where a relative specifier points, as a path from the repository root. */
const target = (file: string, spec: string) =>
  spec.startsWith('.') ? rel(path.resolve(path.dirname(file), spec)) : null;

function violations(files: string[], bad: (spec: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(fs.readFileSync(file, 'utf8'))
      .filter((spec) => bad(spec, file))
      .map((spec) => `${rel(file)} imports '${spec}'`),
  );
}

describe('import parsing', () => {
  it('finds static, multi-line, type-only, re-exported, dynamic and required modules, not comments', () => {
    const source = [
      "import fs from 'node:fs';",
      'import {\n  a,\n  b,\n} from "./x";',
      "import type { T } from '../t';",
      "export { y } from './y';",
      "export * from 'zod';",
      "import './side-effect';",
      "const c = await import('crypto');",
      "const p = require('path');",
      "// import nope from 'os';",
      "/* import nope from 'child_process'; */",
      "const s = 'not an import from here';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['node:fs', './x', '../t', './y', 'zod', './side-effect', 'crypto', 'path']);
  });
});

describe('architecture boundaries', () => {
  const shared = sourceFiles(path.join(ROOT, 'shared')).filter((f) => !/\.test\.tsx?$/.test(f));

  it('finds the shared sources it checks', () => {
    expect(shared.map(rel)).toContain('shared/contract/index.ts');
  });

  it('shared/ imports no Node built-in (fs, path, crypto, os, child_process, node:*)', () => {
    expect(violations(shared, (spec) => isNodeBuiltin(spec))).toEqual([]);
  });

  it('shared/ imports neither electron nor anything outside shared/', () => {
    expect(
      violations(
        shared,
        (spec, file) => isElectron(spec) || (target(file, spec) !== null && !target(file, spec)!.startsWith('shared/')),
      ),
    ).toEqual([]);
  });

  it("only the Electron shell (electron/main, and the preload's contextBridge) imports 'electron'", () => {
    const allowed = ['electron/main/', 'electron/preload/', 'test/e2e-electron/'];
    const everything = ['shared', 'electron', 'renderer', 'bin', 'scripts', 'test', 'bench'].flatMap((d) =>
      sourceFiles(path.join(ROOT, d)),
    );
    expect(everything.length).toBeGreaterThan(50);
    expect(
      violations(everything, (spec, file) => isElectron(spec) && !allowed.some((a) => rel(file).startsWith(a))),
    ).toEqual([]);
  });

  it('renderer/ reaches the backend only through shared/, never importing from electron/', () => {
    const renderer = sourceFiles(path.join(ROOT, 'renderer'));
    expect(renderer.length).toBeGreaterThan(5);
    // build config and tests run in Node; the app code runs in the browser sandbox
    const runsInNode = (file: string) => /\.config\.[cm]?[jt]s$|\.test\.tsx?$/.test(file);
    expect(
      violations(
        renderer,
        (spec, file) =>
          isElectron(spec) ||
          (isNodeBuiltin(spec) && !runsInNode(file)) ||
          (target(file, spec)?.startsWith('electron/') ?? false),
      ),
    ).toEqual([]);
  });

  it('areas take only types from the CLI registries (a value import makes a load cycle that breaks every command)', () => {
    const areas = sourceFiles(path.join(ROOT, 'electron/backend')).filter(
      (f) => !rel(f).startsWith('electron/backend/cli/') && !/\.test\.ts$/.test(f),
    );
    const registry = /(?:^|\n)\s*import\s+(?!type\s)[^;]*?from\s+['"]([^'"]*\/cli\/(?:export|list|main))['"]/g;
    const found = areas.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(registry)].map((m) => `${rel(file)} imports values from '${m[1]}'`),
    );
    expect(found).toEqual([]);
  });

  it('the backend never imports the renderer', () => {
    const backend = sourceFiles(path.join(ROOT, 'electron/backend'));
    expect(violations(backend, (spec, file) => target(file, spec)?.startsWith('renderer/') ?? false)).toEqual([]);
  });
});
