import { newAttributeMap } from '../../otlp/newAttributeMap';
import type { JsonValue } from '../../otlp/otlpValues';
import type { JsonObject, SignalBatch } from '../../otlp/records';
import type { Processor } from '../Processor';
import { luhnValid, REDACTED, redactText } from '@sightline/telemetry';

/** RedactionOptions configures a Redactor. */
export interface RedactionOptions {
  /** Attribute keys (case-insensitive) whose values are never touched. */
  allowKeys: readonly string[];
  /** Attribute keys (case-insensitive) whose values are always replaced by [REDACTED]. */
  blockKeys: readonly string[];
  /** Span names rarely carry personal data, and rewriting them breaks grouping, so this is off by default. */
  redactSpanNames: boolean;
}

const ALLOW = 0;
const BLOCK = 1;
const SCAN = 2;
type KeyRule = typeof ALLOW | typeof BLOCK | typeof SCAN;
const MAX_REMEMBERED_KEY = 128;
const MAX_REMEMBERED_KEYS = 4096;
const MAX_REMEMBERED_TEXT = 64;
const MAX_REMEMBERED_TEXTS = 8192;
const MEMO_TTL_MS = 10_000;

/**
 * Redactor is the GDPR stage: it runs before anything is stored or exported and redacts attribute values
 * (records, resources, nested maps and arrays), log bodies and span status messages.
 */
export class Redactor implements Processor {
  readonly name = 'redaction';
  private readonly allow: ReadonlySet<string>;
  private readonly block: ReadonlySet<string>;
  private readonly rules = new Map<string, KeyRule>();
  private readonly texts = new Map<string, string>();
  private textsSince = 0;

  constructor(private readonly options: RedactionOptions) {
    this.allow = new Set(options.allowKeys.map((k) => k.toLowerCase()));
    this.block = new Set(options.blockKeys.map((k) => k.toLowerCase()));
  }

  process(batch: SignalBatch): SignalBatch {
    const now = performance.now();
    if (now - this.textsSince >= MEMO_TTL_MS) {
      this.texts.clear();
      this.textsSince = now;
    }
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
    const out = newAttributeMap();
    for (const key of Object.keys(attrs)) {
      const value = attrs[key]!;
      const rule = this.ruleOf(key);
      if (rule === ALLOW) out[key] = value;
      else if (rule === BLOCK) out[key] = REDACTED;
      else out[key] = this.value(value);
    }
    return out;
  }

  /**
   * text redacts an attribute value. Short values (methods, routes, hosts, client addresses) repeat from span to
   * span, so their redacted form is remembered instead of recomputed (a bounded memo of a pure function). The memo
   * holds values as received, so it is emptied every MEMO_TTL_MS: personal data is not kept longer than that.
   */
  private text(value: string): string {
    if (value.length > MAX_REMEMBERED_TEXT) return redactText(value);
    let out = this.texts.get(value);
    if (out === undefined) {
      out = redactText(value);
      if (this.texts.size >= MAX_REMEMBERED_TEXTS) this.texts.clear();
      this.texts.set(value, out);
    }
    return out;
  }

  /** ruleOf says how a key's values are treated; the few keys telemetry uses are looked up once, not per value. */
  private ruleOf(key: string): KeyRule {
    let rule = this.rules.get(key);
    if (rule === undefined) {
      const k = key.toLowerCase();
      rule = this.allow.has(k) ? ALLOW : this.block.has(k) ? BLOCK : SCAN;
      if (key.length <= MAX_REMEMBERED_KEY) {
        if (this.rules.size >= MAX_REMEMBERED_KEYS) this.rules.clear();
        this.rules.set(key, rule);
      }
    }
    return rule;
  }

  private value(value: JsonValue): JsonValue {
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number') {
      // Only an integer of 13 to 19 digits (10^12 ≤ n < 10^19) can be a card number.
      if (!(value >= 1e12 && value < 1e19 && Number.isInteger(value))) return value;
      const digits = String(value);
      return luhnValid(digits) ? REDACTED : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value !== null && typeof value === 'object') return this.attributes(value);
    return value;
  }
}
