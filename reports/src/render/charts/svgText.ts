import { escapeHtml } from '../escapeHtml';
import { svgCoordinate } from './svgCoordinate';

/** SvgTextOptions place and style one SVG text element. */
export interface SvgTextOptions {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'normal' | 'bold';
  fill?: string;
}

/** svgText draws escaped text at (x, y); the drawing is decoration, so it is hidden from assistive technology. */
export function svgText(x: number, y: number, text: string, options: SvgTextOptions = {}): string {
  const attrs = [
    `x="${svgCoordinate(x)}"`,
    `y="${svgCoordinate(y)}"`,
    `font-size="${options.size ?? 10}"`,
    `text-anchor="${options.anchor ?? 'start'}"`,
    `fill="${options.fill ?? '#2d3748'}"`,
  ];
  if (options.weight === 'bold') attrs.push('font-weight="bold"');
  return `<text ${attrs.join(' ')} aria-hidden="true">${escapeHtml(text)}</text>`;
}
