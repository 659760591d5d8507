import fc from 'fast-check';

/** fuzzPast is an ISO 8601 time between `from` and `to` milliseconds ago. */
export const fuzzPast = (from: number, to: number) =>
  fc.integer({ min: to, max: from }).map((ago) => new Date(Date.now() - ago).toISOString());
