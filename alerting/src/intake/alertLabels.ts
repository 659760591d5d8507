import { z } from 'zod';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// PostgreSQL text and jsonb cannot hold U+0000, so it is refused at the door instead of failing the batch later.
const noNul = (s: string): boolean => !s.includes('\u0000');
const NUL_REASON = 'must not contain the NUL character (U+0000)';

/** MAX_LABELS bounds the labels (and annotations) of one alert, as a guard against hostile senders. */
export const MAX_LABELS = 64;

/** alertLabels validates a label set: Prometheus label names, bounded values, at most MAX_LABELS. */
export const alertLabels = z
  .record(
    z.string().regex(LABEL_NAME, 'label names must match [a-zA-Z_][a-zA-Z0-9_]*').max(128),
    z
      .string()
      .max(1024, 'label values are at most 1024 characters')
      .refine(noNul, `label values ${NUL_REASON}`),
  )
  .refine((r) => Object.keys(r).length <= MAX_LABELS, `at most ${MAX_LABELS} labels`);

/** alertAnnotations validates annotations: any key, values up to 16 KiB. */
export const alertAnnotations = z
  .record(
    z.string().min(1).max(128).refine(noNul, `annotation names ${NUL_REASON}`),
    z
      .string()
      .max(16_384, 'annotation values are at most 16384 characters')
      .refine(noNul, `annotation values ${NUL_REASON}`),
  )
  .refine((r) => Object.keys(r).length <= MAX_LABELS, `at most ${MAX_LABELS} annotations`);
