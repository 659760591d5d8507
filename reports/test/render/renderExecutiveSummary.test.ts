import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderExecutiveSummary } from '../../src/render';
import { executiveSummary } from './fixtures';
import { htmlText } from './htmlText';

const GOLDEN = join(__dirname, 'golden', 'executive-summary.html');

function rows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
}

describe('renderExecutiveSummary', () => {
  const summary = executiveSummary();
  const html = renderExecutiveSummary(summary);

  it('renders week 2026-W43 across three tenants exactly as the golden HTML (UPDATE_GOLDEN=1 regenerates it)', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, html);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('opens with the week and the counts of red, amber and green tenants, in words as well as colour', () => {
    const text = htmlText(html);
    expect(text).toContain('2026-W43: 1 red, 1 amber, 1 green of 3 tenants');
    expect(html).toMatch(/<span class="status status-red">.*1 Red<\/span>/);
    expect(html).toMatch(/<span class="status status-amber">.*1 Amber<\/span>/);
    expect(html).toMatch(/<span class="status status-green">.*1 Green<\/span>/);
  });

  it('keeps the tenants in the order given, worst first, each with its status colour and name', () => {
    const found = rows(html);
    expect(found).toHaveLength(3);
    summary.rows.forEach((row, i) => {
      expect(found[i]).toContain(`<strong>${row.name}</strong>`);
      expect(found[i]).toContain(`class="status status-${row.status}"`);
      expect(htmlText(found[i]!)).toMatch(new RegExp(`^${i + 1} `));
    });
  });

  it('shows objectives met of judged, availability, budget, incidents with pages, and the change since last week', () => {
    const [globex, acme, initech] = rows(html).map(htmlText);
    expect(globex).toBe(
      '1 Globex Corporation globex · business Red 2 of 4 99.412 % 143.5 % 5 (3 paged) ▼ −0.47 pts ▲ +61.2 pts ▲ +3',
    );
    expect(acme).toBe(
      '2 Acme Corp acme · enterprise Amber 3 of 4 99.948 % 52.4 % 2 (1 paged) ▲ +0.021 pts ▲ +14.2 pts ▼ −1',
    );
    expect(initech).toBe(
      '3 Initech initech · starter Green 3 of 3 99.993 % 4.1 % 0 (0 paged) new (no report last week)',
    );
  });

  it('colours a change by whether it is good news: availability up is better, budget and incidents up are worse', () => {
    const [globex, acme] = rows(html);
    expect(globex).toContain('<td class="num worse">▼ −0.47');
    expect(globex).toContain('<td class="num worse">▲ +61.2');
    expect(acme).toContain('<td class="num better">▲ +0.021');
    expect(acme).toContain('<td class="num better">▼ −1</td>');
  });

  it('handles a tenant without traffic or without a previous availability figure without NaN, undefined or null', () => {
    const quiet = executiveSummary();
    quiet.rows[2] = {
      ...quiet.rows[2]!,
      availabilityPercent: null,
      objectivesJudged: 0,
      objectivesMet: 0,
      change: { availabilityPoints: null, budgetPoints: 0, incidents: 0 },
    };
    const out = renderExecutiveSummary(quiet);
    expect(htmlText(rows(out)[2]!)).toBe(
      '3 Initech initech · starter Green none judged No traffic 4.1 % 0 (0 paged) — unchanged unchanged',
    );
    for (const doc of [out, html]) expect(doc).not.toMatch(/NaN|undefined|null|Infinity|Invalid DateTime/);
  });

  it('escapes a hostile tenant name and is self-contained', () => {
    const hostile = executiveSummary();
    hostile.rows[0]!.name = '<script>alert(1)</script>';
    hostile.rows[0]!.tier = '"><img src=x onerror=alert(2)>';
    const out = renderExecutiveSummary(hostile);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(|\ssrc=|href=/i);
  });
});
