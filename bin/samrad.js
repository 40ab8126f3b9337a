#!/usr/bin/env node
// The CLI runs the TypeScript backend directly through tsx, so `npx samrad` works
// right after `npm ci` without a build step.
require('tsx/cjs/api').register();

// `samrad list people --json | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { runCli } = require('../electron/backend/cli/main.ts');
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
