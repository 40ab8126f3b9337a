import { useState } from 'react';

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

/** A picked file as `useFieldErrors` compares it: by what picks it out, since two files look alike as JSON. */
export const pickedFile = (file: File | null) => file && `${file.name} ${file.size} ${file.lastModified}`;

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

/**
 * The field errors a form shows: `errorsByField`, less the error of every field whose value the
 * user changed since the errors came back, so "Obligatoriskt fält" goes away as soon as the
 * field is filled rather than at the next submit. `values` are the form's fields by the names the
 * backend reports them under; an error for a name not among them stays until the next submit. A
 * field put back to the value that was refused shows its error again.
 */
export function useFieldErrors(errors: Record<string, string>, values: object): Record<string, string> {
  // the values as they were when these errors arrived (React's "state from the previous render")
  const [seen, setSeen] = useState({ errors, values });
  if (seen.errors !== errors) setSeen({ errors, values });
  const now = values as Record<string, unknown>;
  const submitted = (seen.errors === errors ? seen.values : values) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errorsByField(errors))) {
    if (!(field in now) || same(now[field], submitted[field])) out[field] = message;
  }
  return out;
}
