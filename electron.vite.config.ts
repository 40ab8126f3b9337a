import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;
const at = (...parts: string[]) => path.resolve(root, ...parts);

/**
 * The desktop build: main process + the backend's utility-process entry (out/main), the
 * sandboxed preload (out/preload, one CommonJS file), and the renderer from the same sources
 * as renderer/vite.config.ts (out/renderer). Everything is bundled except Electron, Node's
 * built-ins and better-sqlite3, whose native part is loaded from an Electron build at run time.
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
  renderer: {
    root: at('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: at('renderer/index.html') },
    },
  },
});
