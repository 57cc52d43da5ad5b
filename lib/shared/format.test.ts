import { describe, expect, it } from 'vitest';
import { figuresFor, formatsFor } from './format';

/** Intl puts narrow and thin no-break spaces in some patterns ("2:25 PM", "3 – 9 Jun"); compare them as spaces. */
const plain = (s: string) => s.replace(/[\u202f\u2009\u00a0]/g, ' ');

// 23:30 UTC on Thursday 31 December 2026: still Thursday in London, already Friday 1 January 2027 in Berlin.
const NEW_YEAR_EVE = Date.UTC(2026, 11, 31, 23, 30);

describe('formatsFor: one way to write a day, in the user’s language and time zone', () => {
  it('writes a day in the profile’s zone, not the runtime’s', () => {
    expect(formatsFor('Europe/London', 'en-GB').day(NEW_YEAR_EVE)).toBe('Thu, 31 Dec 2026');
    expect(formatsFor('Europe/Berlin', 'en-GB').day(NEW_YEAR_EVE)).toBe('Fri, 1 Jan 2027');
    expect(formatsFor('America/New_York', 'en-US').day(NEW_YEAR_EVE)).toBe('Thu, Dec 31, 2026');
    expect(formatsFor('Europe/Berlin', 'de-DE').day(NEW_YEAR_EVE)).toBe('Fr., 1. Jan. 2027');
  });

  it('writes a completion and a deadline alike (issue 19: "Completed 06/12/2026" beside "Due Thu, 31 Dec 2026")', () => {
    const f = formatsFor('Europe/Berlin', 'en-GB');
    const completedAt = Date.UTC(2026, 11, 6, 9, 15);
    const deadline = Date.UTC(2026, 11, 31, 22, 59, 59, 999); // the last moment of 31 December in Berlin
    expect(`Completed ${f.day(completedAt)}`).toBe('Completed Sun, 6 Dec 2026');
    expect(`Due ${f.day(deadline)}`).toBe('Due Thu, 31 Dec 2026');
  });

  it('has short and long days, times, moments and ranges in the same zone', () => {
    const f = formatsFor('Europe/Berlin', 'en-GB');
    expect(f.shortDay(NEW_YEAR_EVE)).toBe('Fri 1 Jan');
    expect(f.longDay(NEW_YEAR_EVE)).toBe('Friday 1 January');
    expect(f.time(NEW_YEAR_EVE)).toBe('00:30');
    expect(f.clock(NEW_YEAR_EVE + 5_000)).toBe('00:30:05');
    expect(f.dateTime(NEW_YEAR_EVE)).toBe('Fri, 1 Jan 2027, 00:30');
    expect(f.timeRange(Date.UTC(2026, 5, 3, 7), Date.UTC(2026, 5, 3, 8, 30))).toBe('09:00–10:30');
    expect(plain(f.dayRange(Date.UTC(2030, 5, 2, 22), Date.UTC(2030, 5, 8, 22)))).toBe('3 – 9 Jun 2030');
    const us = formatsFor('America/Los_Angeles', 'en-US');
    expect(plain(us.time(NEW_YEAR_EVE))).toBe('3:30 PM');
    expect(plain(us.dateTime(NEW_YEAR_EVE))).toBe('Thu, Dec 31, 2026, 3:30 PM');
  });

  it('follows the clock across a DST change: Berlin springs from 02:00 to 03:00 on 29 March 2026', () => {
    const f = formatsFor('Europe/Berlin', 'en-GB');
    expect(f.time(Date.UTC(2026, 2, 29, 0, 59))).toBe('01:59');
    expect(f.time(Date.UTC(2026, 2, 29, 1, 0))).toBe('03:00');
    expect(f.timeRange(Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 2, 29, 1, 30))).toBe('01:30–03:30');
    // New York falls back on 1 November 2026: 01:30 happens twice, an hour apart.
    const ny = formatsFor('America/New_York', 'en-US');
    expect(plain(ny.time(Date.UTC(2026, 10, 1, 5, 30)))).toBe('1:30 AM');
    expect(plain(ny.time(Date.UTC(2026, 10, 1, 6, 30)))).toBe('1:30 AM');
    expect(ny.day(Date.UTC(2026, 10, 1, 4, 30))).toBe('Sun, Nov 1, 2026');
  });

  it('writes a calendar day as it is, whatever the zone', () => {
    for (const zone of ['Pacific/Kiritimati', 'UTC', 'Pacific/Pago_Pago']) {
      const f = formatsFor(zone, 'en-GB');
      expect(f.calendarDay('2026-12-31')).toBe('Thu, 31 Dec 2026');
      expect(f.calendarDay('2026-12-31', 'short')).toBe('Thu 31 Dec');
      expect(f.calendarDay('2026-12-31', 'long')).toBe('Thursday 31 December');
    }
  });

  it('labels the hours of a time grid in the language’s clock', () => {
    expect(formatsFor('Asia/Tokyo', 'en-GB').hour(14)).toBe('14');
    expect(plain(formatsFor('Asia/Tokyo', 'en-US').hour(14))).toBe('2 PM');
  });

  it('builds the formatters once per zone and language', () => {
    expect(formatsFor('Europe/Berlin', 'en-GB')).toBe(formatsFor('Europe/Berlin', 'en-GB'));
    expect(formatsFor('Europe/Berlin', 'en-GB')).not.toBe(formatsFor('Europe/Paris', 'en-GB'));
    expect(figuresFor('de-DE')).toBe(figuresFor('de-DE'));
  });
});

describe('figuresFor: numbers, lengths of time and how long ago', () => {
  it('writes numbers in the language’s own way', () => {
    const en = figuresFor('en-US');
    const de = figuresFor('de-DE');
    expect([en.count(12345), en.decimal(6.25), en.percent(0.42)]).toEqual(['12,345', '6.3', '42%']);
    expect([de.count(12345), de.decimal(6.25), plain(de.percent(0.42))]).toEqual(['12.345', '6,3', '42 %']);
    expect([en.signedDecimal(1.5), en.signedDecimal(-0.54), en.signedDecimal(0.01)]).toEqual(['+1.5', '−0.5', '±0.0']);
    expect(de.signedDecimal(-0.5)).toBe('−0,5');
  });

  it('writes lengths of time in seconds, minutes and hours', () => {
    const en = figuresFor('en-US');
    expect([30_000, 60_000, 25 * 60_000, 60 * 60_000, 90 * 60_000].map(en.duration)).toEqual(['30 s', '1 min', '25 min', '1 h', '1 h 30 min']);
  });

  it('says how long ago, in whole minutes, hours or days', () => {
    const en = figuresFor('en-US');
    const now = Date.UTC(2026, 11, 7, 12);
    const ago = (ms: number) => en.ago(now - ms, now);
    expect([20_000, 60_000, 4 * 60_000, 59 * 60_000].map(ago)).toEqual(['just now', '1 minute ago', '4 minutes ago', '59 minutes ago']);
    expect([60 * 60_000, 26 * 3_600_000, 49 * 3_600_000].map(ago)).toEqual(['1 hour ago', '1 day ago', '2 days ago']);
    expect(figuresFor('de-DE').ago(now - 3 * 3_600_000, now)).toBe('vor 3 Stunden');
  });
});
