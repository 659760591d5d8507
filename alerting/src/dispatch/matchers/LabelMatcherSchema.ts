import { z } from 'zod';
import { checkMatcherFields } from './checkMatcherFields';
import { MATCH_TYPES } from './LabelMatcher';

// Zod still runs refinements after a non-fatal issue (a malformed date string, say); the cross-field
// checks below only make sense, and only run, once every field has parsed.
const ONLY_WHEN_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/**
 * LabelMatcherSchema validates the JSON form of a matcher, `{ name, type, value }`: a Prometheus label
 * name, one of the four operators, a value of at most 1024 characters and, for `=~`/`!~`, a regex of at
 * most 256 characters that compiles (see compileMatcherRegex).
 */
export const LabelMatcherSchema = z
  .strictObject({
    name: z.string({ error: 'name must be a string' }),
    type: z.enum(MATCH_TYPES, { error: "type must be one of '=', '!=', '=~', '!~'" }),
    value: z.string({ error: 'value must be a string' }),
  })
  .superRefine((m, ctx) => {
    const p = checkMatcherFields(m);
    if (p) ctx.addIssue({ code: 'custom', path: [p.field], message: `${p.field}: ${p.message}` });
  }, ONLY_WHEN_VALID);
