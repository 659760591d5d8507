import type { JsonValue } from '../../otlp/otlpValues';
import type { JsonObject, SignalBatch } from '../../otlp/records';
import type { Processor } from '../Processor';
import { luhnValid } from './luhnValid';
import { REDACTED, redactText } from './redactText';

/** RedactionOptions configures a Redactor. */
export interface RedactionOptions {
  /** Attribute keys (case-insensitive) whose values are never touched. */
  allowKeys: readonly string[];
  /** Attribute keys (case-insensitive) whose values are always replaced by [REDACTED]. */
  blockKeys: readonly string[];
  /** Span names rarely carry personal data, and rewriting them breaks grouping, so this is off by default. */
  redactSpanNames: boolean;
}

/**
 * Redactor is the GDPR stage: it runs before anything is stored or exported and redacts attribute values
 * (records, resources, nested maps and arrays), log bodies and span status messages.
 */
export class Redactor implements Processor {
  readonly name = 'redaction';
  private readonly allow: ReadonlySet<string>;
  private readonly block: ReadonlySet<string>;

  constructor(private readonly options: RedactionOptions) {
    this.allow = new Set(options.allowKeys.map((k) => k.toLowerCase()));
    this.block = new Set(options.blockKeys.map((k) => k.toLowerCase()));
  }

  process(batch: SignalBatch): SignalBatch {
    // Records are rebuilt rather than edited in place, since a resource object is shared by its records.
    const resources = new Map<JsonObject, JsonObject>();
    const resource = (r: JsonObject): JsonObject => {
      let out = resources.get(r);
      if (!out) {
        out = this.attributes(r);
        resources.set(r, out);
      }
      return out;
    };
    return {
      spans: batch.spans.map((s) => ({
        ...s,
        name: this.options.redactSpanNames ? redactText(s.name) : s.name,
        statusMessage: s.statusMessage === null ? null : redactText(s.statusMessage),
        attributes: this.attributes(s.attributes),
        resource: resource(s.resource),
      })),
      logs: batch.logs.map((l) => ({
        ...l,
        body: redactText(l.body),
        attributes: this.attributes(l.attributes),
        resource: resource(l.resource),
      })),
      metrics: batch.metrics.map((m) => ({
        ...m,
        attributes: this.attributes(m.attributes),
        resource: resource(m.resource),
      })),
    };
  }

  /** attributes returns a redacted copy of an attribute map. */
  attributes(attrs: JsonObject): JsonObject {
    const out = Object.create(null) as JsonObject;
    for (const [key, value] of Object.entries(attrs)) {
      const k = key.toLowerCase();
      if (this.allow.has(k)) out[key] = value;
      else if (this.block.has(k)) out[key] = REDACTED;
      else out[key] = this.value(value);
    }
    return out;
  }

  private value(value: JsonValue): JsonValue {
    if (typeof value === 'string') return redactText(value);
    if (typeof value === 'number') {
      const digits = Number.isInteger(value) && value > 0 ? String(value) : '';
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? REDACTED : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value !== null && typeof value === 'object') return this.attributes(value);
    return value;
  }
}
