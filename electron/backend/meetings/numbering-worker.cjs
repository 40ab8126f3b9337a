// Test helper: a separate process that opens the same database file and creates protocols
// for the meeting ids given on the command line, each in its own IMMEDIATE transaction.
require('tsx/cjs/api').register();
const { startBackend } = require('../backend.ts');

(async () => {
  const [file, ...ids] = process.argv.slice(2);
  const backend = await startBackend(file, { osUserName: `worker-${process.pid}` });
  const results = [];
  for (const id of ids) {
    const result = await backend.dispatch('protocol.create', { meetingId: Number(id) });
    results.push(
      result.ok
        ? { meetingId: Number(id), range: result.value.paragraphRange }
        : { meetingId: Number(id), error: result.error.code },
    );
  }
  backend.close();
  process.stdout.write(JSON.stringify(results));
})();
