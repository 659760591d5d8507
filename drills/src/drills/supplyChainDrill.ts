import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { checkLicences } from '../support/checkLicences';
import { count } from '../support/format';
import { repoRoot } from '../support/repoRoot';
import type { AuditOutcome } from '../support/runNpmAudit';
import { runNpmAudit } from '../support/runNpmAudit';
import { LICENCE_POLICY } from './supplyChainPolicy';

const FAILING = new Set(['high', 'critical']);

/**
 * supplyChainDrill audits the dependencies against the npm registry's advisories (production with `--omit=dev`,
 * then everything) and fails on any high or critical one, or when the registry cannot be asked; and it checks the
 * licence every installed package declares against the policy in supplyChainPolicy.ts. The short version, which
 * needs no network, checks the licences only.
 */
export const supplyChainDrill: Drill = {
  name: 'supply-chain',
  title: 'Supply chain: advisories and licences of every dependency',
  issueItem: 'issue 10, security 4',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const report = new DrillReport('supply-chain', short);
    try {
      const root = repoRoot();
      const licences = checkLicences(root, LICENCE_POLICY);
      log(`licences: ${licences.production} production and ${licences.dev} dev packages checked`);
      report.record(
        'prodPackages',
        'production packages checked (installed, from package-lock.json)',
        licences.production,
        count,
      );
      report.record('devPackages', 'dev packages checked', licences.dev, count);
      report.record(
        'skipped',
        'optional packages for other platforms (locked, not installed)',
        licences.skipped,
        count,
      );
      report.record(
        'exceptions',
        'packages admitted by a reviewed exception',
        licences.exceptionsUsed.length,
        count,
      );
      report.check(
        'licenceProblems',
        'packages whose licence the policy does not admit',
        licences.problems.length,
        { max: 0 },
        count,
      );
      for (const p of licences.problems)
        report.note(`Licence: ${p.name}@${p.version} (${p.production ? 'production' : 'dev'}): ${p.reason}.`);
      for (const e of licences.exceptionsUsed) report.note(`Exception: ${e}.`);
      report.note(
        `Licences declared: ${Object.entries(licences.byLicence)
          .sort((a, b) => b[1] - a[1])
          .map(([l, n]) => `${l} ${n}`)
          .join(', ')}.`,
      );
      if (short) {
        report.note(
          'Short version: licences only; the advisory audit needs the registry and runs in the full drill.',
        );
        return report;
      }
      for (const [key, label, omitDev] of [
        ['prod', 'production dependencies (npm audit --omit=dev)', true],
        ['all', 'all dependencies, dev included (npm audit)', false],
      ] as const) {
        log(`npm audit: ${label}`);
        recordAudit(report, key, label, await runNpmAudit(root, { omitDev }));
      }
      return report;
    } finally {
      report.finishedAt = new Date();
    }
  },
};

/** recordAudit adds one audit's figures: whether the registry answered, and the advisories by severity. */
export function recordAudit(report: DrillReport, key: string, label: string, outcome: AuditOutcome): void {
  report.check(
    `${key}.answered`,
    `registry answered the audit of ${label} (1 = yes)`,
    outcome.kind === 'answered' ? 1 : 0,
    { min: 1 },
    count,
  );
  if (outcome.kind === 'unavailable') {
    report.note(`Audit of ${label} FAILED: ${outcome.reason}. No advisory data, so this is not a pass.`);
    return;
  }
  const failing = outcome.advisories.filter((a) => FAILING.has(a.severity));
  report.record(`${key}.dependencies`, `dependencies audited (${key})`, outcome.dependencies, count);
  report.check(
    `${key}.highCritical`,
    `high or critical advisories (${key})`,
    failing.length,
    { max: 0 },
    count,
  );
  const others = outcome.advisories.length - failing.length;
  report.record(`${key}.other`, `moderate, low or info advisories (${key})`, others, count);
  for (const a of outcome.advisories)
    report.note(`Advisory (${key}): ${a.package} ${a.range} — ${a.severity} — ${a.title} — ${a.url}`);
}
