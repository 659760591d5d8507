import { join } from 'node:path';
import { appendResults } from './appendResults';
import { DRILLS } from './DRILLS';
import { formatReport } from './formatReport';
import { repoRoot } from './support/repoRoot';

// Usage: node scripts/run-ts.mjs drills/src/run.main.ts [name…] [--short] [--record]
//   (npm run drills -- [name…] [--short] [--record])
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const short = args.includes('--short');
  const record = args.includes('--record');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !DRILLS.some((d) => d.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown drill ${unknown.join(', ')}; drills: ${DRILLS.map((d) => d.name).join(', ')}\n`,
    );
    return 2;
  }
  const chosen = names.length > 0 ? DRILLS.filter((d) => names.includes(d.name)) : DRILLS;
  const sections: string[] = [];
  let failed = 0;
  for (const drill of chosen) {
    const log = (line: string) => process.stdout.write(`[${drill.name}] ${line}\n`);
    log(`${drill.title} (${drill.issueItem})${short ? ', short version' : ''}`);
    const command = `npm run drills -- ${drill.name}${short ? ' --short' : ''}`;
    try {
      const report = await drill.run({ short, log });
      const section = formatReport(report, drill.title, command);
      process.stdout.write(`\n${section}\n`);
      sections.push(section);
      if (report.failures.length > 0) failed++;
    } catch (err) {
      failed++;
      log(`could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  if (record && sections.length > 0) {
    const page = join(repoRoot(), 'docs', 'reliability.md');
    appendResults(page, sections);
    process.stdout.write(`recorded ${sections.length} result(s) in docs/reliability.md\n`);
  }
  process.stdout.write(`${chosen.length - failed} drill(s) passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`drills: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
