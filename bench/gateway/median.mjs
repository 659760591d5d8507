/** median of a list of numbers (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * medianInterval is a distribution-free confidence interval of the median (sign test): the k-th smallest and k-th
 * largest values, with k the largest rank whose coverage is still ≥ `confidence`. With fewer than 6 values no
 * interval reaches 95 %, and it returns the range with its real coverage.
 */
export function medianInterval(xs, confidence = 0.95) {
  const s = [...xs].sort((x, y) => x - y);
  const n = s.length;
  // P(Binomial(n, 1/2) ≤ j) for j = 0..n
  const cdf = [];
  let c = 1;
  let sum = 0;
  for (let j = 0; j <= n; j++) {
    if (j > 0) c = (c * (n - j + 1)) / j;
    sum += c / 2 ** n;
    cdf.push(sum);
  }
  let k = 1;
  while (k + 1 <= n / 2 && 1 - 2 * cdf[k] >= confidence) k++;
  return { lo: s[k - 1], hi: s[n - k], coverage: 1 - 2 * cdf[k - 1] };
}
