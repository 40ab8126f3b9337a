import path from 'node:path';
import { defineConfig } from 'electron-vite';
import renderer from './renderer/vite.config.mts';

const root = import.meta.dirname;
const at = (...parts: string[]) => path.resolve(root, ...parts);

/**
 * The desktop build: main process + the backend's utility-process entry (out/main), the sandboxed preload (out/preload, one CommonJS file), and the
 * renderer from the same sources as renderer/vite.config.mts (out/renderer). Everything is
 * bundled except Electron, Node's built-ins and better-sqlite3, whose native part is loaded
 * from an Electron build at run time.
 */
export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: false,
      rolldownOptions: {
        input: {
          index: at('electron/main/index.ts'),
          backend: at('electron/backend/host/utility-process.ts'),
          // the signing worker thread; found beside backend.js at run time (signing/worker/sign-pool.ts)
          'sign-worker': at('electron/backend/signing/worker/sign-worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('electron/preload/index.ts') },
      },
    },
  },
  // the very same renderer build as browser mode (renderer/vite.config.mts), as one entry
  // root and outDir are given here again: bundled into this config, renderer/vite.config.mts's import.meta.dirname is the project root
  renderer: {
    ...renderer,
    root: at('renderer'),
    build: { ...renderer.build, outDir: at('out/renderer'), rolldownOptions: { input: at('renderer/index.html') } },
  },
});
