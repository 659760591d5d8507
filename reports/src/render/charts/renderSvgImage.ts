import { escapeHtml } from '../escapeHtml';

/** SvgImage is the frame of one chart: its summary for assistive technology, its size and its drawing. */
export interface SvgImage {
  label: string;
  width: number;
  height: number;
  body: string;
}

/**
 * renderSvgImage wraps a chart's drawing in an inline SVG with role="img", an aria-label and a <title>, so
 * a screen reader (and a PDF reader's text layer) gets the chart's message, not its shapes.
 */
export function renderSvgImage(image: SvgImage): string {
  const label = escapeHtml(image.label);
  return (
    `<svg role="img" aria-label="${label}" viewBox="0 0 ${image.width} ${image.height}" ` +
    `preserveAspectRatio="xMidYMid meet" class="chart"><title>${label}</title>${image.body}</svg>`
  );
}
