import { Frequency } from 'rrule';

/** RRuleUntil is an RRULE's UNTIL: a UTC instant (`…Z`), a local date-time, or a whole local date. */
export type RRuleUntil =
  { kind: 'instant'; ms: number } | { kind: 'wall'; ms: number } | { kind: 'date'; ms: number };

/** ParsedRRule is an RFC 5545 RRULE, checked; weekdays count from Monday = 0 as the rrule package does. */
export interface ParsedRRule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: RRuleUntil;
  bysetpos?: number[];
  bymonth?: number[];
  bymonthday?: number[];
  byyearday?: number[];
  byweekno?: number[];
  byweekday?: Array<{ weekday: number; n?: number }>;
  byhour?: number[];
  byminute?: number[];
  wkst?: number;
}

/** ParseRRuleResult is the parsed rule or a message that says what is wrong with it. */
export type ParseRRuleResult = { ok: true; rule: ParsedRRule } | { ok: false; message: string };

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const FREQS: Record<string, Frequency> = {
  YEARLY: Frequency.YEARLY,
  MONTHLY: Frequency.MONTHLY,
  WEEKLY: Frequency.WEEKLY,
  DAILY: Frequency.DAILY,
  HOURLY: Frequency.HOURLY,
  MINUTELY: Frequency.MINUTELY,
};
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

class RRuleProblem extends Error {}

/**
 * parseRRule reads the value of an RFC 5545 RRULE, such as `FREQ=WEEKLY;BYDAY=SA;BYHOUR=2;BYMINUTE=0`
 * (an `RRULE:` prefix is allowed). Beyond RFC 5545 it refuses, to keep expansion cheap: FREQ=SECONDLY and
 * BYSECOND (windows start on whole minutes), COUNT over 1000, INTERVAL over 1000 (100 for YEARLY),
 * BYSETPOS with a frequency finer than WEEKLY, and a BYMONTH/BYMONTHDAY pair that never occurs.
 */
export function parseRRule(text: string): ParseRRuleResult {
  try {
    return { ok: true, rule: parse(text) };
  } catch (err) {
    if (err instanceof RRuleProblem) return { ok: false, message: `rrule: ${err.message}` };
    throw err;
  }
}

function parse(text: string): ParsedRRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(body)) throw new RRuleProblem('must be a single RRULE value; put the start in dtstart');
  const seen = new Map<string, string>();
  for (const part of body.split(';')) {
    if (part === '') continue;
    const m = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!m) throw new RRuleProblem(`${JSON.stringify(part)} is not KEY=VALUE`);
    const key = m[1]!.toUpperCase();
    if (seen.has(key)) throw new RRuleProblem(`${key} appears twice`);
    seen.set(key, m[2]!);
  }
  const rule: ParsedRRule = { freq: Frequency.DAILY, interval: 1 };
  const freqText = seen.get('FREQ');
  if (freqText === undefined) throw new RRuleProblem('FREQ is required, e.g. FREQ=WEEKLY');
  for (const [key, value] of seen) {
    switch (key) {
      case 'FREQ': {
        const f = FREQS[value.toUpperCase()];
        if (value.toUpperCase() === 'SECONDLY') {
          throw new RRuleProblem('FREQ=SECONDLY is not allowed; the finest frequency is MINUTELY');
        }
        if (f === undefined)
          throw new RRuleProblem(`FREQ=${value} is not one of ${Object.keys(FREQS).join(', ')}`);
        rule.freq = f;
        break;
      }
      case 'INTERVAL':
        rule.interval = integer(key, value, 1, 1000);
        break;
      case 'COUNT':
        rule.count = integer(key, value, 1, 1000);
        break;
      case 'UNTIL':
        rule.until = until(value);
        break;
      case 'BYSECOND':
        throw new RRuleProblem('BYSECOND is not supported; windows start on whole minutes');
      case 'BYMINUTE':
        rule.byminute = list(key, value, 0, 59, false);
        break;
      case 'BYHOUR':
        rule.byhour = list(key, value, 0, 23, false);
        break;
      case 'BYDAY':
        rule.byweekday = value.split(',').map(weekday);
        break;
      case 'BYMONTHDAY':
        rule.bymonthday = list(key, value, 1, 31, true);
        break;
      case 'BYYEARDAY':
        rule.byyearday = list(key, value, 1, 366, true);
        break;
      case 'BYWEEKNO':
        rule.byweekno = list(key, value, 1, 53, true);
        break;
      case 'BYMONTH':
        rule.bymonth = list(key, value, 1, 12, false);
        break;
      case 'BYSETPOS':
        rule.bysetpos = list(key, value, 1, 366, true);
        break;
      case 'WKST': {
        const d = DAYS.indexOf(value.toUpperCase());
        if (d < 0) throw new RRuleProblem(`WKST=${value} is not a weekday (MO…SU)`);
        rule.wkst = d;
        break;
      }
      case 'DTSTART':
      case 'TZID':
        throw new RRuleProblem(`${key} does not belong in rrule; use the dtstart and timeZone fields`);
      default:
        throw new RRuleProblem(`unknown RRULE part ${key}`);
    }
  }
  checkCombination(rule);
  return rule;
}

function checkCombination(rule: ParsedRRule): void {
  const f = rule.freq;
  if (rule.count !== undefined && rule.until !== undefined)
    throw new RRuleProblem('COUNT and UNTIL cannot both be set');
  if (f === Frequency.YEARLY && rule.interval > 100)
    throw new RRuleProblem('INTERVAL must be at most 100 with FREQ=YEARLY');
  if (rule.byweekno && f !== Frequency.YEARLY)
    throw new RRuleProblem('BYWEEKNO is only allowed with FREQ=YEARLY');
  if (rule.byyearday && [Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY].includes(f)) {
    throw new RRuleProblem('BYYEARDAY is not allowed with FREQ=MONTHLY, WEEKLY or DAILY');
  }
  if (rule.bymonthday && f === Frequency.WEEKLY)
    throw new RRuleProblem('BYMONTHDAY is not allowed with FREQ=WEEKLY');
  const ordinal = rule.byweekday?.some((d) => d.n !== undefined);
  if (ordinal && f !== Frequency.MONTHLY && f !== Frequency.YEARLY) {
    throw new RRuleProblem('BYDAY with a number (such as 1MO) needs FREQ=MONTHLY or FREQ=YEARLY');
  }
  if (ordinal && rule.byweekno)
    throw new RRuleProblem('BYDAY with a number cannot be combined with BYWEEKNO');
  if (rule.bysetpos) {
    if (f !== Frequency.YEARLY && f !== Frequency.MONTHLY && f !== Frequency.WEEKLY) {
      throw new RRuleProblem('BYSETPOS is only supported with FREQ=WEEKLY, MONTHLY or YEARLY');
    }
    const others = [
      rule.bymonth,
      rule.bymonthday,
      rule.byyearday,
      rule.byweekno,
      rule.byweekday,
      rule.byhour,
      rule.byminute,
    ];
    if (!others.some(Boolean)) throw new RRuleProblem('BYSETPOS needs another BY… part to pick from');
  }
  if (rule.bymonthday && rule.bymonth) {
    const possible = rule.bymonth.some((month) =>
      rule.bymonthday!.some((day) => Math.abs(day) <= MAX_DAYS_IN_MONTH[month - 1]!),
    );
    if (!possible) throw new RRuleProblem('never occurs: no month in BYMONTH has a day in BYMONTHDAY');
  }
}

function integer(key: string, value: string, lo: number, hi: number): number {
  if (!/^\d+$/.test(value)) throw new RRuleProblem(`${key}=${value} is not a whole number`);
  const n = Number(value);
  if (n < lo || n > hi) throw new RRuleProblem(`${key} must be between ${lo} and ${hi}, got ${value}`);
  return n;
}

function list(key: string, value: string, lo: number, hi: number, signed: boolean): number[] {
  const out = value.split(',').map((item) => {
    if (!(signed ? /^[+-]?\d+$/ : /^\+?\d+$/).test(item)) {
      throw new RRuleProblem(
        `${key} value ${JSON.stringify(item)} is not ${signed ? 'a' : 'a non-negative'} whole number`,
      );
    }
    const n = Number(item);
    if (Math.abs(n) < lo || Math.abs(n) > hi) {
      const range = signed ? `±${lo}…±${hi}` : `${lo}…${hi}`;
      throw new RRuleProblem(`${key} value ${item} is outside ${range}`);
    }
    return n;
  });
  return [...new Set(out)];
}

function weekday(item: string): { weekday: number; n?: number } {
  const m = /^([+-]?\d{1,2})?([A-Za-z]{2})$/.exec(item);
  const d = m ? DAYS.indexOf(m[2]!.toUpperCase()) : -1;
  if (!m || d < 0)
    throw new RRuleProblem(`BYDAY value ${JSON.stringify(item)} is not a weekday such as MO, 1MO or -1FR`);
  if (m[1] === undefined) return { weekday: d };
  const n = Number(m[1]);
  if (n === 0 || Math.abs(n) > 53)
    throw new RRuleProblem(`BYDAY value ${item} has an ordinal outside ±1…±53`);
  return { weekday: d, n };
}

function until(value: string): RRuleUntil {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/i.exec(value);
  if (!m) throw new RRuleProblem(`UNTIL=${value} is not a date (20250131) or date-time (20250131T235959Z)`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (
    new Date(ms).getUTCDate() !== d ||
    new Date(ms).getUTCMonth() !== mo - 1 ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    throw new RRuleProblem(`UNTIL=${value} is not a real date`);
  }
  if (m[4] === undefined) return { kind: 'date', ms };
  return { kind: m[7] ? 'instant' : 'wall', ms };
}
