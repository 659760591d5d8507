import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spdxSatisfies } from './spdxSatisfies';

/** LicenceException admits one package whose declared licence the allowlist does not cover, for a stated reason. */
export interface LicenceException {
  name: string;
  /** declared is the licence field as reviewed (null when there is none): if the package changes it, it fails again. */
  declared: string | null;
  reason: string;
}

/** LicencePolicy is the allowlist of SPDX ids and the reviewed exceptions. */
export interface LicencePolicy {
  allowed: ReadonlySet<string>;
  exceptions: readonly LicenceException[];
}

/** LicenceProblem is one installed package that the policy does not admit, or that is not installed as locked. */
export interface LicenceProblem {
  name: string;
  version: string;
  production: boolean;
  licence: string | null;
  reason: string;
}

/** LicenceReport counts what was checked and lists the problems. */
export interface LicenceReport {
  production: number;
  dev: number;
  /** byLicence counts installed packages by declared licence, production and dev together. */
  byLicence: Record<string, number>;
  /** exceptionsUsed lists the exceptions that admitted a package (`name@version: reason`). */
  exceptionsUsed: string[];
  /** skipped counts optional packages for other platforms, which npm locks but does not install. */
  skipped: number;
  problems: LicenceProblem[];
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

/**
 * checkLicences walks every third-party package of package-lock.json, reads the licence its installed package.json
 * declares (`license`, or the legacy `license: {type}` and `licenses: [{type}]`, which count as alternatives) and
 * checks it against the policy. A package that should be installed and is not, or whose installed version is not
 * the locked one, is a problem too: the check must read what actually runs.
 */
export function checkLicences(root: string, policy: LicencePolicy): LicenceReport {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const report: LicenceReport = {
    production: 0,
    dev: 0,
    byLicence: {},
    exceptionsUsed: [],
    skipped: 0,
    problems: [],
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.link) continue;
    const production = entry.dev !== true;
    let pkg: { name?: string; version?: string; license?: unknown; licenses?: unknown };
    try {
      pkg = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as typeof pkg;
    } catch {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (entry.optional) report.skipped++;
      else
        report.problems.push({
          name,
          version: entry.version ?? '?',
          production,
          licence: null,
          reason: 'locked but not installed (run npm ci)',
        });
      continue;
    }
    const name = pkg.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const version = pkg.version ?? '?';
    if (production) report.production++;
    else report.dev++;
    const licence = declaredLicence(pkg);
    report.byLicence[licence ?? '(none)'] = (report.byLicence[licence ?? '(none)'] ?? 0) + 1;
    const problem = (reason: string) => report.problems.push({ name, version, production, licence, reason });
    if (entry.version !== undefined && entry.version.replace(/^v/, '') !== version.replace(/^v/, '')) {
      problem(`installed ${version}, but package-lock.json has ${entry.version}`);
      continue;
    }
    const exception = policy.exceptions.find((e) => e.name === name);
    if (exception && exception.declared === licence) {
      report.exceptionsUsed.push(`${name}@${version}: ${exception.reason}`);
      continue;
    }
    if (licence === null) {
      problem('declares no licence');
      continue;
    }
    const verdict = spdxSatisfies(licence, policy.allowed);
    if (!verdict.ok) problem(`licence "${licence}": ${verdict.reason}`);
  }
  return report;
}

/** declaredLicence reads a package.json's licence as one SPDX expression, or null when it declares none. */
export function declaredLicence(pkg: { license?: unknown; licenses?: unknown }): string | null {
  const typeOf = (v: unknown): string | null =>
    typeof v === 'string'
      ? v
      : v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string'
        ? (v as { type: string }).type
        : null;
  const single = typeOf(pkg.license);
  if (single !== null) return single.trim();
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map(typeOf).filter((t): t is string => t !== null);
    if (types.length === 1) return types[0]!;
    if (types.length > 1) return `(${types.join(' OR ')})`;
  }
  return null;
}
