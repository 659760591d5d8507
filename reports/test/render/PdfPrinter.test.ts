import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  PdfPrintError,
  PdfPrinter,
  launchChromium,
  renderExecutiveSummary,
  renderTenantReport,
} from '../../src/render';
import { acmeWeeklyReport, executiveSummary } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'reports-pdf-'));
const launched: Browser[] = [];
const printer = new PdfPrinter({
  launch: async () => {
    const browser = await launchChromium();
    launched.push(browser);
    return browser;
  },
});

/**
 * Image requests the pages make, so the test controls how long a print takes: /gate/* are held while `hold`
 * is set (and answered 50 ms after arrival otherwise), /hang/* are never answered.
 */
let server: Server;
let base = '';
let hold = false;
let inFlight = 0;
let maxInFlight = 0;
const held: (() => void)[] = [];
const hanging: ServerResponse[] = [];

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function pdfFacts(
  pdf: Buffer,
  name: string,
): { pages: number; pageSize: string; text: (page?: number) => string } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = (page?: number) => {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    // Collapse the layout's spacing and line breaks, so a sentence wrapped over two lines still matches.
    return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
  };
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    pageSize: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '',
    text,
  };
}

const page = (body: string) =>
  `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/hang/')) {
      hanging.push(res);
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answer = () => {
      inFlight--;
      res.writeHead(404).end();
    };
    if (hold) held.push(answer);
    else setTimeout(answer, 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await printer.close();
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('PdfPrinter', () => {
  it('launches Chromium only when the first print needs it, then reuses it', async () => {
    expect(launched).toHaveLength(0);
    const first = await printer.print(page('<p>one</p>'));
    const second = await printer.print(page('<p>two</p>'));
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.subarray(0, 5).toString()).toBe('%PDF-');
    expect(launched).toHaveLength(1);
    // Every print closed its page (and the page's own context).
    expect(launched[0]!.contexts()).toHaveLength(0);
  });

  it('prints the tenant report on A4 pages: summary and objectives on page 1, tenant, 169 hours, "Page X of N"', async () => {
    const report = acmeWeeklyReport();
    const pdf = await printer.print(renderTenantReport(report));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const facts = pdfFacts(pdf, 'tenant');
    expect(facts.pageSize).toContain('(A4)');
    expect(facts.pages).toBeGreaterThanOrEqual(2);
    const all = facts.text();
    expect(all).toContain(report.summary);
    expect(all).toContain(report.tenant.name);
    expect(all).toContain('169 hours');
    expect(all).toContain('Page 1 of');
    expect(all).toContain(`Page ${facts.pages} of ${facts.pages}`);
    const first = facts.text(1);
    expect(first).toContain(report.summary);
    expect(first).toContain(`Page 1 of ${facts.pages}`);
    for (const o of report.objectives) expect(first).toContain(o.slo);
    expect(facts.text(2)).toContain('Availability per day');
  });

  it('prints the executive summary on exactly one page', async () => {
    const summary = executiveSummary();
    const facts = pdfFacts(await printer.print(renderExecutiveSummary(summary)), 'executive');
    expect(facts.pages).toBe(1);
    const text = facts.text();
    expect(text).toContain('Page 1 of 1');
    expect(text).toContain('2026-W43: 1 red, 1 amber, 1 green of 3 tenants');
    for (const row of summary.rows) expect(text).toContain(row.name);
  });

  it('prints at most two pages at once and queues the rest', async () => {
    hold = true;
    maxInFlight = 0;
    const prints = [1, 2, 3].map((n) => printer.print(page(`<img src="${base}/gate/${n}.png" alt="">`)));
    await waitFor(() => held.length === 2, 'two pages to load their image');
    // Time enough for a third page to ask for its image, had the printer opened one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(held).toHaveLength(2);
    hold = false;
    for (const answer of held.splice(0)) answer();
    const pdfs = await Promise.all(prints);
    expect(pdfs.every((pdf) => pdf.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(maxInFlight).toBe(2);
    expect(launched.at(-1)!.contexts()).toHaveLength(0);
  });

  it('rejects a print that runs past its timeout with PdfPrintError, closes its page and keeps printing', async () => {
    const stuck = printer.print(page(`<img src="${base}/hang/1.png" alt="">`), { timeoutMs: 700 });
    await expect(stuck).rejects.toBeInstanceOf(PdfPrintError);
    await expect(stuck).rejects.toMatchObject({ name: 'PdfPrintError', reason: 'timeout' });
    expect(launched.at(-1)!.contexts()).toHaveLength(0);
    const after = await printer.print(page('<p>after the timeout</p>'));
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('relaunches Chromium for the next print after the browser crashed', async () => {
    const before = launched.length;
    const crashed = launched.at(-1)!;
    const gone = new Promise<void>((resolve) => crashed.once('disconnected', () => resolve()));
    const session = await crashed.newBrowserCDPSession();
    // Browser.crash kills Chromium at once; its own reply never arrives.
    session.send('Browser.crash').catch(() => undefined);
    await gone;
    const pdf = await printer.print(page('<p>after the crash</p>'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(launched).toHaveLength(before + 1);
    expect(launched.at(-1)!.isConnected()).toBe(true);
  });

  it('closes the browser on close() and launches a new one when printing again', async () => {
    const before = launched.length;
    const old = launched.at(-1)!;
    await printer.close();
    expect(old.isConnected()).toBe(false);
    const pdf = await printer.print(page('<p>after close</p>'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(launched).toHaveLength(before + 1);
  });
});
