import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PORTS } from '@sightline/contracts';
import type { CanaryFinding, Canaries } from './secretsScanCanaries';
import type { Exchange } from './secretsScanTraffic';

/** SourceScan is what one kind of source held: how much was read and which canaries were in it. */
export interface SourceScan {
  /** key names the source in the report's values (`found.output`, `read.stored`…). */
  key: string;
  source: string;
  /** items counts lines, rows, pages, files or bodies read. */
  items: number;
  bytes: number;
  findings: CanaryFinding[];
}

/**
 * scanOutput reads the launcher's output line by line: its own lines and every service's stdout and stderr, which
 * the launcher prefixes with the service's name (`gateway   | {…}`).
 */
export function scanOutput(output: string, canaries: Canaries): SourceScan {
  const scan: SourceScan = {
    key: 'output',
    source: 'stdout and stderr of every process',
    items: 0,
    bytes: output.length,
    findings: [],
  };
  const lineNo = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (line === '') continue;
    scan.items++;
    const process = /^(\S+)\s*\| /.exec(line)?.[1] ?? 'launcher';
    const n = (lineNo.get(process) ?? 0) + 1;
    lineNo.set(process, n);
    scan.findings.push(...canaries.scan(line, `output of ${process}, line ${n}`));
  }
  return scan;
}

/**
 * scanStoredTelemetry reads every row of every table of the collector's schema (spans, logs, metric points,
 * roll-ups, services) as text, with SQL on the platform's database; `marker` counts the rows that hold it, to show
 * that the drill's own OTLP records were stored (and so were scanned).
 */
export async function scanStoredTelemetry(
  databaseUrl: string,
  canaries: Canaries,
  marker: string,
): Promise<SourceScan & { markerRows: number }> {
  const scan = {
    key: 'stored',
    source: 'spans, logs and metrics stored by the collector',
    items: 0,
    bytes: 0,
    findings: [] as CanaryFinding[],
    markerRows: 0,
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'collector' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM collector."${name}" t`);
      rows.rows.forEach(({ row }, i) => {
        scan.items++;
        scan.bytes += row.length;
        if (row.includes(marker)) scan.markerRows++;
        scan.findings.push(...canaries.scan(row, `collector.${name}, row ${i + 1}`));
      });
    }
  } finally {
    await client.end();
  }
  return scan;
}

/** scanFiles reads every file under a folder (the collector's spill queue and archive), as bytes taken for text. */
export function scanFiles(dir: string, canaries: Canaries): SourceScan {
  const scan: SourceScan = {
    key: 'files',
    source: "the collector's queue and archive files",
    items: 0,
    bytes: 0,
    findings: [],
  };
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const text = readFileSync(p).toString('latin1');
        scan.items++;
        scan.bytes += text.length;
        scan.findings.push(...canaries.scan(text, `file ${p.slice(dir.length + 1)}`));
      }
    }
  };
  walk(dir);
  return scan;
}

/** scanMetrics reads the /metrics page of every process that serves one. */
export async function scanMetrics(
  url: (port: number) => string,
  canaries: Canaries,
): Promise<SourceScan & { pages: string[] }> {
  const scan = {
    key: 'metrics',
    source: '/metrics of every service',
    items: 0,
    bytes: 0,
    findings: [] as CanaryFinding[],
    pages: [] as string[],
  };
  for (const [name, port] of Object.entries(PORTS)) {
    if (name === 'embeddedPostgres') continue;
    let text: string;
    try {
      const res = await fetch(`${url(port)}/metrics`, { signal: AbortSignal.timeout(5_000) });
      text = await res.text();
      if (res.status !== 200 || !/^# (HELP|TYPE) /m.test(text)) continue;
    } catch {
      continue;
    }
    scan.items++;
    scan.bytes += text.length;
    scan.pages.push(name);
    scan.findings.push(...canaries.scan(text, `/metrics of ${name}`));
  }
  return scan;
}

/** scanErrorBodies reads every answer of 400 or more that the drill's traffic received. */
export function scanErrorBodies(exchanges: readonly Exchange[], canaries: Canaries): SourceScan {
  const scan: SourceScan = {
    key: 'errors',
    source: 'error bodies received',
    items: 0,
    bytes: 0,
    findings: [],
  };
  for (const e of exchanges) {
    if (e.status < 400) continue;
    scan.items++;
    scan.bytes += e.body.length;
    scan.findings.push(...canaries.scan(e.body, `error body of ${e.label} (${e.status})`));
  }
  return scan;
}
