import { fieldErrors } from '../../api/errors';

export type FieldMessages = Record<string, string>;

/** The API's message for a field or any of its items (`locations[0]` counts for `locations`). */
export function errorFor(errors: FieldMessages, field: string): string | null {
  if (errors[field]) return errors[field];
  const item = Object.keys(errors).find((key) => key.startsWith(`${field}[`) || key.startsWith(`${field}.`));
  return item ? (errors[item] ?? null) : null;
}

export { fieldErrors };
