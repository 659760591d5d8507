import { escapeHtml } from '../../src/render/escapeHtml';
import { formatCount } from '../../src/render/format/formatCount';
import { formatDuration } from '../../src/render/format/formatDuration';
import { formatLocalTime } from '../../src/render/format/formatLocalTime';
import { formatMilliseconds } from '../../src/render/format/formatMilliseconds';
import { formatPercent } from '../../src/render/format/formatPercent';
import { formatSloPercent } from '../../src/render/format/formatSloPercent';

/** Units stay on their number's line: the formatters join them with a non-breaking space. */
const nb = (text: string) => text.replace(/_/g, '\u00a0');

describe('report formatting', () => {
  it.each([
    [0, '0_s'],
    [42, '42_s'],
    [59.6, '1_min'],
    [250, '4_min 10_s'],
    [3_599.6, '1_h'],
    [3_900, '1_h 05_min'],
    [2_790, '46_min 30_s'],
    [90_061, '1_d 01_h'],
  ])('writes %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(nb(text));
  });

  it('writes a dash rather than NaN for a duration that is not a number', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });

  it.each([
    [99.95, 2, '99.95_%'],
    [38, 1, '38_%'],
    [52.406, 1, '52.4_%'],
    [99.9996, 3, '99.9996_%'],
    [0.0004, 1, '0.0004_%'],
    [100, 2, '100_%'],
    [0, 1, '0_%'],
  ])(
    'writes %p with up to %p decimals as %p, never rounding to 100 % or 0 % that was not reached',
    (v, d, text) => {
      expect(formatPercent(v, d)).toBe(nb(text));
    },
  );

  it('gives an achieved percentage one decimal more than its objective so a miss never reads as the objective', () => {
    expect(formatSloPercent(99.948, 99.9)).toBe(nb('99.95_%'));
    expect(formatSloPercent(99.946, 99.95)).toBe(nb('99.946_%'));
    expect(formatSloPercent(99.8999, 99.9)).toBe(nb('99.8999_%'));
    expect(formatSloPercent(98.716, 99)).toBe(nb('98.72_%'));
  });

  it('separates thousands and writes latencies in milliseconds', () => {
    expect(formatCount(7_135_180)).toBe('7,135,180');
    expect(formatMilliseconds(410)).toBe(nb('410_ms'));
    expect(formatMilliseconds(1_240)).toBe(nb('1,240_ms'));
    expect(formatMilliseconds(4.54)).toBe(nb('4.5_ms'));
    expect(formatMilliseconds(null)).toBe('—');
  });

  it('tells the two 02:30s of the night clocks go back apart by their zone abbreviation', () => {
    expect(formatLocalTime('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('Sun 25 Oct 02:30 CEST');
    expect(formatLocalTime('2026-10-25T01:30:00.000Z', 'Europe/Berlin')).toBe('Sun 25 Oct 02:30 CET');
  });

  it('escapes the five characters that can break out of HTML text or a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});
