import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { noImportCycle } from './eslint/no-import-cycle.mjs';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeBuiltins = { paths: NODE_BUILTINS.map((name) => ({ name, message: 'This code also runs outside Node.' })) };
const electron = {
  name: 'electron',
  message: "Only the Electron shell (electron/main, electron/preload) imports 'electron'.",
};

/**
 * One rule set for the whole tree. Beyond the usual checks it keeps the architecture's walls
 * (ARCHITECTURE.md): shared/ is plain TypeScript that runs anywhere; only electron/main and the
 * preload import 'electron'; the renderer reaches the backend through shared/ only; no import
 * cycles at all, type-only imports included.
 */
export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'coverage/',
      '**/*.d.ts',
      '**/*.d.cts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { samrad: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: {
      'samrad/no-import-cycle': 'error',
      // a variable set once by a callback (a test's connection) is still read before it is set
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['**/*.cjs', 'bin/**/*.js', 'scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/renderer/**'], message: 'The backend never imports the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'test/e2e-electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'The shell never imports the renderer.' }] },
      ],
    },
  },
  {
    files: ['shared/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...nodeBuiltins.paths],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', '**/test/**', '**/bench/**'],
              message: 'shared/ imports nothing outside shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'renderer/vite.config.mts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...nodeBuiltins.paths],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer reaches the backend through the contract (shared/) only.',
            },
          ],
        },
      ],
    },
  },
);
