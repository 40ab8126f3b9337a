/** `sha256sum -c` format: hash, two spaces, path relative to the package root; sorted so the file is the same for the same package. */
export function sha256Sums(rows: Array<{ path: string; sha256: string }>): string {
  return (
    [...rows]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((r) => `${r.sha256}  ${r.path}`)
      .join('\n') + '\n'
  );
}
