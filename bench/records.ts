import { archiveFixture } from './archive-fixture';
import { median } from './median';
import { protocolDocx } from '../electron/backend/meetings/export-docx';
import { protocolContent } from '../electron/backend/records/snapshot';
import { sealRecord } from '../electron/backend/records/seal';
import { exportForUser } from '../electron/backend/export/pipeline';
import { verifySeal } from '../electron/backend/records/verify-seal';
import { findRecord } from '../electron/backend/records/store';

class RolledBack extends Error {}

/**
 * Sealed records: exporting an attested protocol hands out its sealed bytes (a read, the seal
 * re-checked against the tables, an audit event), set beside rendering the same protocol anew and beside only reading the bytes;
 * and what sealing adds to the attestation that completes a protocol (render, hash, store),
 * measured inside a transaction that is rolled back.
 */
export async function benchRecords(): Promise<void> {
  console.log('\nSealed records: export of an attested protocol vs rendering it; what sealing adds to attestation');
  const rows: string[][] = [
    [
      '§§',
      'export (sealed bytes)',
      'of which seal re-check',
      'read the bytes',
      'render anew',
      'ratio export / render',
      'sealing (render+hash+store)',
    ],
  ];
  for (const paragraphs of [20, 200]) {
    const fixture = await archiveFixture(1, paragraphs);
    try {
      const { ctx } = fixture.backend;
      const meetingId = ctx.db
        .prepare("SELECT meeting_id FROM sealed_record WHERE kind = 'protocol'")
        .pluck()
        .get() as number;
      const runs = paragraphs === 200 ? 9 : 21;
      const request = { source: { kind: 'protocol' as const, meetingId }, lang: 'sv' as const, sign: false };
      await exportForUser(ctx, request); // warm up
      const exportMs = await median(runs, () => exportForUser(ctx, request));
      const row = findRecord(ctx.db, { kind: 'protocol', id: meetingId })!;
      const verifyMs = await median(runs, () => verifySeal(ctx, row));
      const readMs = await median(runs, () =>
        ctx.db.prepare("SELECT document FROM sealed_record WHERE kind = 'protocol' AND meeting_id = ?").get(meetingId),
      );
      const renderMs = await median(runs, () => protocolDocx(protocolContent(ctx, meetingId, true), 'sv'));
      const sealMs = await median(runs, () => {
        try {
          ctx.db.transaction(() => {
            // a second record of the same protocol would break its UNIQUE index: set the first aside inside the rollback
            ctx.db.exec('DROP TRIGGER sealed_record_no_delete');
            ctx.db.prepare("DELETE FROM sealed_record WHERE kind = 'protocol' AND meeting_id = ?").run(meetingId);
            sealRecord(
              ctx,
              { kind: 'protocol', id: meetingId },
              protocolContent(ctx, meetingId, true),
              () => undefined,
            );
            throw new RolledBack();
          })();
        } catch (error) {
          if (!(error instanceof RolledBack)) throw error;
        }
      });
      rows.push([
        String(paragraphs),
        `${exportMs.toFixed(2)} ms`,
        `${verifyMs.toFixed(2)} ms`,
        `${readMs.toFixed(2)} ms`,
        `${renderMs.toFixed(1)} ms`,
        `${(exportMs / renderMs).toFixed(3)}×`,
        `${sealMs.toFixed(1)} ms`,
      ]);
    } finally {
      fixture.cleanup();
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(`  ${r.map((c, i) => c.padStart(widths[i])).join('  ')}`);
}
