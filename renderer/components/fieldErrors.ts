/**
 * The backend reports field errors by their path in the method's input: `email` for a
 * create, `fields.email` for an update (`{ id, fields }`). Forms ask by the field's own name.
 */
export function errorsByField(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = path.replace(/^fields\./, '');
    out[field] ??= message;
  }
  return out;
}
