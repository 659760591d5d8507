/** REDACTED is what a secret is replaced with wherever it might otherwise be shown. */
export const REDACTED = '[redacted]';

/**
 * scrubSecrets replaces every occurrence of each secret in a text meant for a result reason or a log line: receivers
 * sometimes echo the request back in their error bodies, and a routing key or webhook token must never reach the
 * outbox table or the console that way.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another one is replaced whole.
  const ordered = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}
