import type { z } from 'zod';
import { SpecValidationError } from '../SpecValidationError';

/** formatSpecPath turns a zod issue path into the dotted form people read, e.g. `slos[0].objective`. */
export function formatSpecPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** validateSpec parses a document with a zod schema, or throws SpecValidationError for its first issue. */
export function validateSpec<S extends z.ZodType>(
  schema: S,
  doc: unknown,
  file: string,
  prefix = '',
): z.infer<S> {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new SpecValidationError(file, formatSpecPath(issue.path, prefix), issue.message);
}
