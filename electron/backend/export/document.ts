/** A rendered document, ready to be written to disk or sent to the renderer. */
export interface ExportedDocument {
  fileName: string;
  bytes: Uint8Array;
}
