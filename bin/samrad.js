#!/usr/bin/env node
// The CLI runs the TypeScript backend directly through tsx, so `npx samrad` works
// right after `npm ci` without a build step.
require('tsx/cjs/api').register();
const { runCli } = require('../electron/backend/cli/main.ts');
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
