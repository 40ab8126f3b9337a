import fs from 'node:fs';
import path from 'node:path';
import { UsageError, flag, type Command, type CommandContext } from '../command';
import { call } from '../call';
import { AppError } from '../../../../shared/errors';
import type { ActProof } from '../../../../shared/contract/act-proof';
import type { Backend } from '../../backend';
import { DEFAULT_TIME_ZONE, zonedDate, zonedTime } from '../../../../shared/time/zoned-date';

const swedish = (iso: string) =>
  `${zonedDate(new Date(iso), DEFAULT_TIME_ZONE)} kl. ${zonedTime(new Date(iso), DEFAULT_TIME_ZONE).replace(':', '.')}`;

const timeSourceText = { tsa: 'time from a trusted timestamp', signer_clock: "time from the signer's own clock" };

const proofText = (name: string, proof: ActProof | undefined) =>
  `Digitally signed by ${name}${proof?.kind === 'digital' ? ` (${proof.certificate}, ${swedish(proof.signingTime)}, ${timeSourceText[proof.timeSource]})` : ''}`;

/** `samrad import-signature FILE.docx [--confirm-person ID] [--place TEXT]` */
export const importSignatureCommand: Command = {
  usage: 'samrad import-signature FILE.docx [--confirm-person ID] [--place TEXT] [--db FILE]',
  flags: ['confirm-person', 'place'],
  summary:
    'record an attestation (of a protocol or a § attested at once) or an agreement signing as digitally signed from a returned signed copy: every signed part must be the document sent, byte for byte; --confirm-person names whose certificate a new one is; --place is where an agreement was signed',
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
    const copy = {
      fileBase64: bytes.toString('base64'),
      confirmPersonId: person === undefined ? null : Number(person),
    };
    const place = flag(ctx, 'place');
    const backend = await ctx.openBackend();
    try {
      let result;
      try {
        result = await call(backend, 'protocol.importSignedCopy', { ...copy, place: place ?? null });
      } catch (error) {
        // not a protocol or § sent for justering: perhaps an agreement version sent for signing
        if (!(error instanceof AppError) || error.params?.reason !== 'meetings.reasons.signed_copy_unknown')
          throw error;
        return await importAgreementCopy(ctx, backend, copy, place, error);
      }
      const { protocol, paragraphId } = result;
      const paragraph = protocol.paragraphs.find((p) => p.id === paragraphId);
      const attestations = paragraph ? paragraph.attestations : protocol.attestations;
      const proof = attestations.find((a) => a.personId === result.personId)?.proof;
      const act = paragraph
        ? `§ ${paragraph.number} of meeting ${result.meetingId} is ${paragraph.immediatelyAttested ? 'attested at once' : 'waiting for the other attesters'}`
        : `protocol of meeting ${result.meetingId} is ${protocol.status === 'attested' ? 'attested' : 'waiting for the other attesters'}`;
      ctx.io.out(`${proofText(result.name, proof)}: ${act}.`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

async function importAgreementCopy(
  ctx: CommandContext,
  backend: Backend,
  copy: { fileBase64: string; confirmPersonId: number | null },
  place: string | undefined,
  notProtocol: AppError,
): Promise<number> {
  let result;
  try {
    result = await call(backend, 'agreements.signing.importSignedCopy', { ...copy, place: place ?? null });
  } catch (error) {
    if (error instanceof AppError && error.params?.reason === 'meetings.reasons.signed_copy_unknown') throw notProtocol;
    if (error instanceof AppError && error.fields?.place && place === undefined)
      throw new UsageError('an agreement signing needs --place TEXT (where it was signed)');
    throw error;
  }
  const proof = result.version.parties.find((p) => p.id === result.partyId)?.signing?.proof;
  ctx.io.out(
    `${proofText(result.name, proof)}: agreement version ${result.versionId} is ${result.version.storedStatus === 'signed' ? 'signed' : 'waiting for the other signatories'}.`,
  );
  return 0;
}
