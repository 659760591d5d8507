import { z } from 'zod';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses a lone UTF-16 surrogate (JSON.stringify writes it
// as a \ud800 escape), so both are refused at the door instead of failing the batch later with a 500.
const noNul = (s: string): boolean => !s.includes('\u0000');
const NUL_REASON = 'must not contain the NUL character (U+0000)';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
const SURROGATE_REASON = 'must be valid Unicode (no lone UTF-16 surrogate)';

/** storableText is a string of at most max characters that PostgreSQL text and jsonb can hold (no NUL, no lone surrogate). */
export function storableText(max: number, what: string) {
  return z
    .string()
    .max(max, `${what} is at most ${max} characters`)
    .refine(noNul, `${what} ${NUL_REASON}`)
    .refine(wellFormed, `${what} ${SURROGATE_REASON}`);
}

/** MAX_LABELS bounds the labels (and annotations) of one alert, as a guard against hostile senders. */
export const MAX_LABELS = 64;

/** alertLabels validates a label set: Prometheus label names, bounded values, at most MAX_LABELS. */
export const alertLabels = z
  .record(
    z.string().regex(LABEL_NAME, 'label names must match [a-zA-Z_][a-zA-Z0-9_]*').max(128),
    z
      .string()
      .max(1024, 'label values are at most 1024 characters')
      .refine(noNul, `label values ${NUL_REASON}`)
      .refine(wellFormed, `label values ${SURROGATE_REASON}`),
  )
  .refine((r) => Object.keys(r).length <= MAX_LABELS, `at most ${MAX_LABELS} labels`);

/** alertAnnotations validates annotations: any key, values up to 16 KiB. */
export const alertAnnotations = z
  .record(
    z
      .string()
      .min(1)
      .max(128)
      .refine(noNul, `annotation names ${NUL_REASON}`)
      .refine(wellFormed, `annotation names ${SURROGATE_REASON}`),
    z
      .string()
      .max(16_384, 'annotation values are at most 16384 characters')
      .refine(noNul, `annotation values ${NUL_REASON}`)
      .refine(wellFormed, `annotation values ${SURROGATE_REASON}`),
  )
  .refine((r) => Object.keys(r).length <= MAX_LABELS, `at most ${MAX_LABELS} annotations`);
