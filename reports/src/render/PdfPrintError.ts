/** PdfPrintErrorReason tells a print that ran out of time from one the browser failed. */
export type PdfPrintErrorReason = 'timeout' | 'failed';

/** PdfPrintError is a report that could not be printed to PDF: it timed out, or Chromium failed or crashed. */
export class PdfPrintError extends Error {
  override readonly name = 'PdfPrintError';

  constructor(
    readonly reason: PdfPrintErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
