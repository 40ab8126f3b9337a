/**
 * Rows as aligned text columns under a header and a rule, for people reading a terminal.
 * `atLeast`: the widths of the rows printed before (a list streamed page by page); the widths
 * used come back with the lines.
 */
export function formatTable(
  headers: string[],
  rows: unknown[][],
  atLeast: number[] = [],
): string[] & { widths: number[] } {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const widths = headers.map((h, i) => Math.max(h.length, atLeast[i] ?? 0, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return Object.assign([line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)], { widths });
}
