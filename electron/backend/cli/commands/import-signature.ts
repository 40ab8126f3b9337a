import fs from 'node:fs';
import path from 'node:path';
import { UsageError, flag, type Command } from '../command';
import { call } from '../call';
import { DEFAULT_TIME_ZONE, zonedDate, zonedTime } from '../../../../shared/time/zoned-date';

const swedish = (iso: string) =>
  `${zonedDate(new Date(iso), DEFAULT_TIME_ZONE)} kl. ${zonedTime(new Date(iso), DEFAULT_TIME_ZONE).replace(':', '.')}`;

/** `samrad import-signature FILE.docx [--confirm-person ID] [--place TEXT]` */
export const importSignatureCommand: Command = {
  usage: 'samrad import-signature FILE.docx [--confirm-person ID] [--place TEXT] [--db FILE]',
  flags: ['confirm-person', 'place'],
  summary:
    'record an attestation as digitally signed from a returned signed copy: every signed part must be the document sent for justering, byte for byte; --confirm-person names whose certificate a new one is',
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new UsageError('import-signature needs a .docx file');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.resolve(file));
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const person = flag(ctx, 'confirm-person');
    if (person !== undefined && !/^[1-9]\d*$/.test(person))
      throw new UsageError('--confirm-person takes the id of a person (samrad list people)');
    const backend = await ctx.openBackend();
    try {
      const result = await call(backend, 'protocol.importSignedCopy', {
        fileBase64: bytes.toString('base64'),
        confirmPersonId: person === undefined ? null : Number(person),
        place: flag(ctx, 'place') ?? null,
      });
      const attestation = result.protocol.attestations.find((a) => a.personId === result.personId);
      const proof = attestation?.proof;
      ctx.io.out(
        `Digitally signed by ${result.name}${proof?.kind === 'digital' ? ` (${proof.certificate}, ${swedish(proof.signingTime)}, time from the signer's own clock)` : ''}: protocol of meeting ${result.meetingId} is ${result.protocol.status === 'attested' ? 'attested' : 'waiting for the other attesters'}.`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};
