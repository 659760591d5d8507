import { createHash } from 'node:crypto';

/** alertFingerprint identifies an alert by its sorted label set, whichever intake it came through. */
export function alertFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}
