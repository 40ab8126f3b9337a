import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * An import cycle through any import, type-only ones included (import-x's no-cycle skips
 * those): a cycle of types still ties two modules into one, whatever the bundler erases.
 * The module graph is read once per lint run with TypeScript's own pre-processor and resolver.
 */
const options = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true };
const host = ts.sys;
const edges = new Map();

function importsOf(file) {
  let found = edges.get(file);
  if (found) return found;
  found = [];
  edges.set(file, found);
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return found;
  }
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const resolved = ts.resolveModuleName(ref.fileName, file, options, host).resolvedModule;
    if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.endsWith('.d.ts'))
      found.push(path.resolve(resolved.resolvedFileName));
  }
  return found;
}

/** The shortest way from `start` back to `start`, if there is one. */
function cycleThrough(start) {
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of importsOf(current)) {
      if (next === start) {
        const route = [current];
        for (let at = current; previous.has(at); at = previous.get(at)) route.unshift(previous.get(at));
        return route;
      }
      if (!previous.has(next) && next !== start) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycles, type-only imports included' },
    messages: { cycle: 'Import cycle: {{route}}' },
    schema: [],
  },
  create(context) {
    return {
      Program(node) {
        const file = path.resolve(context.filename);
        const route = cycleThrough(file);
        if (!route) return;
        const root = context.cwd;
        context.report({
          node,
          messageId: 'cycle',
          data: { route: [...route, file].map((f) => path.relative(root, f)).join(' → ') },
        });
      },
    };
  },
};
