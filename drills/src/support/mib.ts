/** mib formats a byte count in mebibytes with one decimal. */
export const mib = (v: number): string => `${(v / 1024 / 1024).toFixed(1)} MiB`;

/** percent formats a ratio as a signed percentage with one decimal (0.05 → +5.0 %). */
export const percent = (v: number): string => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
