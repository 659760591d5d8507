const NAMED = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge'];

/**
 * instanceSizeRank orders AWS instance sizes ("db.t4g.medium", "cache.r7g.large", "r6g.2xlarge.search")
 * from smallest to largest, so tests can say one stage runs smaller machines than another.
 */
export function instanceSizeRank(instanceType: string): number {
  const size =
    instanceType
      .replace(/\.search$/, '')
      .split('.')
      .pop() ?? '';
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return NAMED.length - 1 + Number(multiple[1]);
  const rank = NAMED.indexOf(size);
  if (rank < 0) throw new Error(`unknown instance size in ${instanceType}`);
  return rank;
}
