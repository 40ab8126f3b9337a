import fs from 'node:fs';
import path from 'node:path';
import { verifyChain } from '../audit/log';
import { schemaVersion } from '../db/open';
import { LATEST_VERSION } from '../db/migrations';
import { loadExample } from '../example/load';
import { requiredFlag, type Command } from './command';

export const initCommand: Command = {
  usage: 'samrad init [--db FILE]',
  summary: 'create the database (or bring it up to date)',
  async run(ctx) {
    const backend = await ctx.openBackend();
    ctx.io.out(`Database ready: ${backend.ctx.dbPath} (schema ${schemaVersion(backend.ctx.db)})`);
    backend.close();
    return 0;
  },
};

export const exampleCommand: Command = {
  usage: 'samrad example [--yes] [--db FILE]',
  summary: 'load the Södertälje example; --yes adds it to a database that already holds data',
  async run(ctx) {
    const backend = await ctx.openBackend();
    try {
      loadExample(backend.ctx, ctx.flags.yes === true);
      ctx.io.out('The Södertälje example is loaded.');
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const backupCommand: Command = {
  usage: 'samrad backup --out FILE [--db FILE]',
  summary: 'write a consistent copy of the database with the online backup API',
  async run(ctx) {
    const out = path.resolve(requiredFlag(ctx, 'out'));
    if (fs.existsSync(out)) {
      ctx.io.err(`${out} already exists; choose another file name.`);
      return 1;
    }
    const backend = await ctx.openBackend();
    try {
      await backend.ctx.db.backup(out);
      ctx.io.out(`Backup written: ${out}`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const checkCommand: Command = {
  usage: 'samrad check [--json] [--db FILE]',
  summary: 'check database integrity, schema version and the audit chain',
  async run(ctx) {
    const backend = await ctx.openBackend();
    try {
      const integrity = backend.ctx.db.pragma('integrity_check', { simple: true }) as string;
      const foreignKeys = backend.ctx.db.pragma('foreign_key_check') as unknown[];
      const chain = verifyChain(backend.ctx.db);
      const report = {
        database: backend.ctx.dbPath,
        schemaVersion: schemaVersion(backend.ctx.db),
        latestSchemaVersion: LATEST_VERSION,
        integrity,
        foreignKeyProblems: foreignKeys.length,
        auditEvents: chain.events,
        auditChain: chain.ok ? 'ok' : `broken at event ${chain.brokenAt}`,
      };
      const ok = integrity === 'ok' && foreignKeys.length === 0 && chain.ok;
      if (ctx.flags.json) ctx.io.out(JSON.stringify({ ok, ...report }, null, 2));
      else for (const [k, v] of Object.entries(report)) ctx.io.out(`${k}: ${v}`);
      if (!ok) ctx.io.err('Check FAILED');
      return ok ? 0 : 1;
    } finally {
      backend.close();
    }
  },
};
