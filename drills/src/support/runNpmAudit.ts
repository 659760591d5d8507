import { spawn } from 'node:child_process';

/** Advisory is one published advisory against an installed package. */
export interface Advisory {
  package: string;
  severity: string;
  title: string;
  url: string;
  /** range is the vulnerable version range. */
  range: string;
}

/** AuditOutcome is what the registry's audit said, or why it could not say anything. */
export type AuditOutcome =
  | {
      kind: 'answered';
      advisories: Advisory[];
      /** bySeverity counts vulnerable packages (npm's metadata) by severity. */
      bySeverity: Record<string, number>;
      dependencies: number;
    }
  | { kind: 'unavailable'; reason: string };

/** AuditOptions chooses the dependency set and, for tests, another registry. */
export interface AuditOptions {
  /** omitDev audits production dependencies only (`--omit=dev`). */
  omitDev: boolean;
  registry?: string;
  timeoutMs?: number;
}

interface AuditJson {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, { via?: unknown[] }>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { total?: number } };
  message?: string;
  error?: { code?: string; summary?: string; detail?: string };
}

/**
 * runNpmAudit runs `npm audit --json` in root against the registry and reads its report. npm exits non-zero both
 * when it finds advisories and when the audit endpoint fails, so the outcome is read from the JSON: a report, or
 * the reason there is none (an unreachable or refusing endpoint is never taken for "no advisories").
 */
export async function runNpmAudit(root: string, o: AuditOptions): Promise<AuditOutcome> {
  const args = [
    'audit',
    '--json',
    ...(o.omitDev ? ['--omit=dev'] : []),
    ...(o.registry ? ['--registry', o.registry] : []),
  ];
  const { stdout, stderr, code } = await run('npm', args, root, o.timeoutMs ?? 120_000);
  let json: AuditJson;
  try {
    json = JSON.parse(stdout) as AuditJson;
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no report (exit ${code}): ${lastLine(stderr)}` };
  }
  if (json.auditReportVersion === undefined) {
    const said = json.message ?? json.error?.summary ?? json.error?.code ?? lastLine(stderr);
    return {
      kind: 'unavailable',
      reason: `the audit endpoint did not answer: ${said || `npm exit ${code}`}`,
    };
  }
  const seen = new Set<string>();
  const advisories: Advisory[] = [];
  for (const v of Object.values(json.vulnerabilities ?? {})) {
    for (const via of v.via ?? []) {
      // A string names another vulnerable package (a path to the advisory); the advisory itself is an object.
      if (typeof via !== 'object' || via === null) continue;
      const a = via as { name?: string; severity?: string; title?: string; url?: string; range?: string };
      const key = `${a.name}|${a.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      advisories.push({
        package: a.name ?? '?',
        severity: a.severity ?? '?',
        title: a.title ?? '',
        url: a.url ?? '',
        range: a.range ?? '',
      });
    }
  }
  return {
    kind: 'answered',
    advisories,
    bySeverity: json.metadata?.vulnerabilities ?? {},
    dependencies: json.metadata?.dependencies?.total ?? 0,
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

// Asynchronous, so that a test's local registry in the same process can answer.
function run(
  cmd: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (err) => resolve({ stdout, stderr: `${stderr}\n${err.message}`, code: null }));
    child.on('close', (code, signal) =>
      resolve({
        stdout,
        stderr: signal ? `${stderr}\nkilled by ${signal} (timeout ${timeoutMs} ms)` : stderr,
        code,
      }),
    );
  });
}
