import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** GoldenOptions say where goldens and failure images live and how much difference is tolerated. */
export interface GoldenOptions {
  goldenDir: string;
  /** outDir receives the actual and diff images of a comparison that fails. */
  outDir: string;
  /** update (re)writes the golden instead of comparing with it. */
  update: boolean;
  /** threshold is pixelmatch's per-pixel colour distance (0..1) below which two pixels count as the same. */
  threshold: number;
  /** maxDiffRatio is the share of all pixels that may differ before the screenshot no longer matches. */
  maxDiffRatio: number;
}

/** GoldenResult is what comparing a screenshot with its golden found; only `match` and `written` pass. */
export type GoldenResult =
  | { kind: 'written'; goldenPath: string }
  | { kind: 'match'; diffRatio: number }
  | { kind: 'missing'; message: string }
  | { kind: 'mismatch'; diffRatio: number; message: string };

/**
 * compareWithGolden compares a PNG screenshot with the golden `<name>.png` using pixelmatch, or writes the golden when
 * asked to; on a mismatch it leaves `<name>.actual.png` and `<name>.diff.png` in outDir.
 */
export function compareWithGolden(name: string, actualPng: Buffer, options: GoldenOptions): GoldenResult {
  const goldenPath = join(options.goldenDir, `${name}.png`);
  if (options.update) {
    mkdirSync(options.goldenDir, { recursive: true });
    writeFileSync(goldenPath, actualPng);
    return { kind: 'written', goldenPath };
  }
  if (!existsSync(goldenPath))
    return {
      kind: 'missing',
      message:
        `There is no golden ${goldenPath}. Create it with ` +
        '`UPDATE_GOLDEN=1 SIGHTLINE_BUILT=1 npx jest --selectProjects e2e -- e2e/consoleQuality`, look at it, and commit it.',
    };
  const golden = PNG.sync.read(readFileSync(goldenPath));
  const actual = PNG.sync.read(actualPng);
  mkdirSync(options.outDir, { recursive: true });
  const actualPath = join(options.outDir, `${name}.actual.png`);
  if (golden.width !== actual.width || golden.height !== actual.height) {
    writeFileSync(actualPath, actualPng);
    return {
      kind: 'mismatch',
      diffRatio: 1,
      message: `${name}: the screenshot is ${actual.width}×${actual.height}, the golden ${golden.width}×${golden.height}; see ${actualPath}`,
    };
  }
  const diff = new PNG({ width: golden.width, height: golden.height });
  const differing = pixelmatch(golden.data, actual.data, diff.data, golden.width, golden.height, {
    threshold: options.threshold,
  });
  const diffRatio = differing / (golden.width * golden.height);
  if (diffRatio <= options.maxDiffRatio) return { kind: 'match', diffRatio };
  const diffPath = join(options.outDir, `${name}.diff.png`);
  writeFileSync(actualPath, actualPng);
  writeFileSync(diffPath, PNG.sync.write(diff));
  return {
    kind: 'mismatch',
    diffRatio,
    message:
      `${name}: ${(diffRatio * 100).toFixed(2)} % of pixels differ from ${goldenPath} ` +
      `(at most ${(options.maxDiffRatio * 100).toFixed(2)} % may); see ${actualPath} and ${diffPath}. ` +
      'If the change is intended, rewrite the golden with UPDATE_GOLDEN=1.',
  };
}
