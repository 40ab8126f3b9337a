/**
 * The loopback bridge built the way the desktop app's backend ships (electron.vite.config.ts:
 * one bundled CommonJS file, better-sqlite3 left to Node, the signing worker beside it), so a
 * benchmark measures Samråd's backend and not tsx's loader thread and esbuild service, which
 * only `tsx electron/bridge/serve.ts` carries. Built once per benchmark run, into out/ (Node
 * resolves better-sqlite3 from there, as it does from out/main).
 */
import path from 'node:path';

const root = path.resolve(__dirname, '..');
let built: Promise<string> | null = null;

/** The path of the bundled serve.js, built on the first call. */
export function bundledBridge(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = path.join(root, 'out/bench-bridge');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        ssr: true,
        outDir,
        emptyOutDir: true,
        rolldownOptions: {
          input: {
            serve: path.join(root, 'electron/bridge/serve.ts'),
            'sign-worker': path.join(root, 'electron/backend/signing/worker/sign-worker.ts'),
          },
          external: ['better-sqlite3'],
          output: { format: 'cjs' },
        },
      },
      ssr: { noExternal: true, target: 'node' },
    });
    return path.join(outDir, 'serve.js');
  })();
  return built;
}
