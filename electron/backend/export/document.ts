/** A rendered document, ready to be written to disk or sent to the renderer. */
export interface ExportedDocument {
  fileName: string;
  bytes: Uint8Array;
}

/** How a rendering relates to its record: the sealed original, or a translation of it. */
export interface RenderOptions {
  /** created/modified time written into the document (a record's: its sealing time) */
  timestamp?: Date;
  /** set when this is a translation of a record sealed in another language */
  translationOf?: { sealedAt: string; sha256: string };
  /** the document frozen when the protocol was sent for justering (its date): the one people sign */
  sentForAttestation?: string;
}
