import fc from 'fast-check';

/** fuzzAuthHeader is the Authorization header a fuzzed call sends: mostly the right token, sometimes none or a wrong one. */
export function fuzzAuthHeader(token: string): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { arbitrary: fc.constant<Record<string, string>>({ authorization: `Bearer ${token}` }), weight: 12 },
    {
      arbitrary: fc
        .constantFrom(
          '',
          'Bearer',
          'Bearer ',
          `Bearer ${token}x`,
          `bearer ${token}`,
          `Basic ${token}`,
          `Bearer ${'a.'.repeat(3000)}`,
          'Bearer e30.e30.',
        )
        .map((v): Record<string, string> => (v === '' ? {} : { authorization: v })),
      weight: 1,
    },
  );
}
