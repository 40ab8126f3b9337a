// Kill-test writer: opens the database as the app does and writes until it is killed. After
// each write the dispatcher acknowledged, it prints "ack <name>" — the parent then requires
// every acknowledged name to be in the database after the SIGKILL.
import { startBackend } from '../../../electron/backend/backend';

async function main(): Promise<void> {
  const [file, prefix] = process.argv.slice(2);
  const backend = await startBackend(file, { osUserName: `writer-${process.pid}` });
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const name = `${prefix}-${i}`;
    // people, with an organisation now and then: several tables, triggers, the search index and the audit chain in one transaction
    const result =
      i % 5 === 0
        ? await backend.dispatch('organisations.create', { name, kind: 'kommun' })
        : await backend.dispatch('people.create', { name, title: 'Handläggare', email: 'handlaggare@sodertalje.se' });
    if (!result.ok) {
      process.stdout.write(`error ${result.error.code} ${result.error.message}\n`);
      process.exit(3);
    }
    process.stdout.write(`ack ${name}\n`);
  }
}

void main();
