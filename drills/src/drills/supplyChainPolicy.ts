import type { LicenceException, LicencePolicy } from '../support/checkLicences';

/**
 * ALLOWED_LICENCES are the SPDX ids a dependency may be used under without review (docs/security.md says why):
 * permissive licences, CC0/CC-BY for data and docs that ship inside packages, and MPL-2.0 as the one weak copyleft,
 * whose obligations are per file and only bite if we change those files.
 */
export const ALLOWED_LICENCES: ReadonlySet<string> = new Set([
  // Permissive.
  'MIT',
  'MIT-0',
  'ISC',
  '0BSD',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'Zlib',
  'BSL-1.0',
  'Python-2.0',
  'Unlicense',
  'CC0-1.0',
  // Attribution only, for data (caniuse-lite) and documentation.
  'CC-BY-3.0',
  'CC-BY-4.0',
  // Weak copyleft, per file: allowed while we ship those files unmodified.
  'MPL-2.0',
]);

const SHARP_PLATFORMS = [
  'linux-x64',
  'linux-arm64',
  'linux-arm',
  'linuxmusl-x64',
  'linuxmusl-arm64',
  'darwin-x64',
  'darwin-arm64',
  'linux-ppc64',
  'linux-riscv64',
  'linux-s390x',
];

/** LICENCE_EXCEPTIONS are the reviewed packages outside the allowlist, each with its declared licence and why. */
export const LICENCE_EXCEPTIONS: readonly LicenceException[] = [
  ...SHARP_PLATFORMS.map((p) => ({
    name: `@img/sharp-libvips-${p}`,
    declared: 'LGPL-3.0-or-later',
    reason:
      'libvips as an unmodified shared library that sharp (Next.js image optimisation in the console) loads at run ' +
      'time; it is its own npm package, so it can be replaced, which is what the LGPL asks of a program linking it',
  })),
  {
    name: 'khroma',
    declared: null,
    reason:
      'dev only (mermaid, for the docs site); package.json names no licence, its license file is MIT (2.1.0)',
  },
];

/** LICENCE_POLICY is the supply-chain drill's licence policy. */
export const LICENCE_POLICY: LicencePolicy = { allowed: ALLOWED_LICENCES, exceptions: LICENCE_EXCEPTIONS };
