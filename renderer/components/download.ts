/** Saves bytes the backend produced as a file: a download in the browser, a save dialog in the desktop app. */
export function downloadBase64(
  fileName: string,
  base64: string,
  type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
