import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launchChromium';
import { PdfPrintError } from './PdfPrintError';

/** PdfPrinterOptions configure a PdfPrinter; every field has a default that works on this platform. */
export interface PdfPrinterOptions {
  /** executablePath is the Chromium binary (default /usr/bin/chromium). */
  executablePath?: string;
  /** timeoutMs bounds one print, from getting a page slot to the finished PDF (default 60 s). */
  timeoutMs?: number;
  /** maxConcurrentPages caps the pages printing at once; further prints wait their turn (default 2). */
  maxConcurrentPages?: number;
  /** launch starts the browser; tests pass one to watch it. Defaults to launchChromium(executablePath). */
  launch?: () => Promise<Browser>;
}

// Chromium draws the footer in its own document: it needs its own font size, and fills the spans in.
const FOOTER =
  "<div style=\"width:100%;margin:0 12mm;font:8px 'DejaVu Sans',Arial,sans-serif;color:#4a5568;" +
  'display:flex;justify-content:space-between;"><span class="title"></span>' +
  '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>';

/**
 * PdfPrinter prints HTML reports to A4 PDFs with headless Chromium. It launches the browser on the first
 * print and reuses it, relaunches after close() or a crash, opens a fresh page per print (at most
 * maxConcurrentPages at once) and always closes it.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly launch: () => Promise<Browser>;

  constructor(options: PdfPrinterOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxPages = Math.max(1, Math.floor(options.maxConcurrentPages ?? 2));
    this.launch = options.launch ?? (() => launchChromium(options.executablePath));
  }

  /** print renders the HTML and returns the PDF; it rejects with PdfPrintError on timeout or browser failure. */
  async print(html: string, options: { timeoutMs?: number } = {}): Promise<Buffer> {
    await this.acquire();
    try {
      return await this.printInSlot(html, options.timeoutMs ?? this.timeoutMs);
    } finally {
      this.release();
    }
  }

  /** close shuts the browser down; a later print launches a new one. */
  async close(): Promise<void> {
    const current = this.browser;
    this.browser = null;
    const browser = await current?.catch(() => null);
    await browser?.close().catch(() => undefined);
  }

  private async printInSlot(html: string, timeoutMs: number): Promise<Buffer> {
    let page: Page | null = null;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      const opened = await (await this.connectedBrowser()).newPage();
      page = opened;
      // The timer may have fired while the page was opening; nobody would close it then.
      if (timedOut) throw new Error('print timed out while opening a page');
      await opened.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      return opened.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '12mm', right: '12mm', bottom: '15mm', left: '12mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER,
      });
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PdfPrintError('timeout', `PDF print timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (err) {
      if (err instanceof PdfPrintError) throw err;
      throw new PdfPrintError(
        'failed',
        `PDF print failed: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
        },
      );
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
      await (page as Page | null)?.close().catch(() => undefined);
    }
  }

  private async connectedBrowser(): Promise<Browser> {
    const current = this.browser;
    if (current) {
      const browser = await current;
      if (browser.isConnected()) return browser;
      // Crashed, and the disconnected event has not reset us yet.
      if (this.browser === current) this.browser = null;
    }
    if (!this.browser) {
      const launching = this.launch();
      this.browser = launching;
      void launching.then(
        (b) =>
          b.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          }),
        () => {
          // A failed launch must not stick: the next print tries again.
          if (this.browser === launching) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.maxPages) {
      this.active++;
      return;
    }
    // release() hands its slot straight to the next waiter, so `active` stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
