// Starts the archive's render worker from the TypeScript sources (CLI through tsx, tests):
// the desktop build bundles render-worker.ts into out/main/render-worker.js instead.
require('tsx/cjs/api').register();
require('./render-worker.ts');
