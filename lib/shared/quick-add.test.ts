import { describe, expect, it } from 'vitest';
import { parseQuickAdd, type ChipKind } from './quick-add';

// Saturday 7 March 2026, 15:00 UTC: 10:00 in New York (which springs forward on Sunday 8 March),
// 16:00 in Berlin (which springs forward on Sunday 29 March).
const NOW = Date.parse('2026-03-07T15:00:00Z');
const LISTS = [
  { id: 'l-work', name: 'Work' },
  { id: 'l-home', name: 'Home errands' },
];

type Expect = {
  title: string;
  due?: string | null;
  time?: string | null;
  priority?: number | null;
  list?: string | null;
  rule?: string | null;
  from?: 'due' | 'completion';
};

function check(input: string, timeZone: string, want: Expect, now = NOW) {
  const got = parseQuickAdd(input, { now, timeZone, lists: LISTS });
  expect({
    title: got.title,
    due: got.dueDay,
    time: got.dueTime,
    priority: got.priority,
    list: got.listId,
    rule: got.recurrence?.rule ?? null,
  }).toEqual({
    title: want.title,
    due: want.due ?? null,
    time: want.time ?? null,
    priority: want.priority ?? null,
    list: want.list ?? null,
    rule: want.rule ?? null,
  });
  if (want.from) expect(got.recurrence?.from).toBe(want.from);
  return got;
}

// Phrases whose meaning does not depend on the zone at this instant (both zones are on Saturday 7 March).
const SAME_IN_BOTH: [string, Expect][] = [
  ['Call mom tomorrow at 5pm p1', { title: 'Call mom', due: '2026-03-08', time: '17:00', priority: 1 }],
  ['Call mom tomorrow 5pm', { title: 'Call mom', due: '2026-03-08', time: '17:00' }],
  ['Buy milk', { title: 'Buy milk' }],
  ['Buy 2 apples', { title: 'Buy 2 apples' }],
  ['Read chapter 3 of the book', { title: 'Read chapter 3 of the book' }],
  ['Pay rent next fri', { title: 'Pay rent', due: '2026-03-13' }],
  ['next friday submit report', { title: 'submit report', due: '2026-03-13' }],
  ['Renew passport in 3 days', { title: 'Renew passport', due: '2026-03-10' }],
  ['Wrap gifts dec 24', { title: 'Wrap gifts', due: '2026-12-24' }],
  ['Wrap gifts on dec 24 at 9am', { title: 'Wrap gifts', due: '2026-12-24', time: '09:00' }],
  ['Dentist March 30 2:15pm', { title: 'Dentist', due: '2026-03-30', time: '14:15' }],
  ['Dentist 30 March 14:15', { title: 'Dentist', due: '2026-03-30', time: '14:15' }],
  ['Standup monday 9:30', { title: 'Standup', due: '2026-03-09', time: '09:30' }],
  ['Report by friday', { title: 'Report', due: '2026-03-13' }],
  ['Meet Ana at 7pm', { title: 'Meet Ana', due: '2026-03-07', time: '19:00' }],
  ['Water plants today', { title: 'Water plants', due: '2026-03-07' }],
  ['Email Sam p2', { title: 'Email Sam', priority: 2 }],
  ['P3 tidy desk', { title: 'tidy desk', priority: 3 }],
  ['Fix bug p5', { title: 'Fix bug p5' }],
  ['Ship v2 #work p1', { title: 'Ship v2', priority: 1, list: 'l-work' }],
  ['Buy bulbs #home-errands', { title: 'Buy bulbs', list: 'l-home' }],
  ['Buy bulbs #HomeErrands', { title: 'Buy bulbs', list: 'l-home' }],
  ['Tweet #hashtag', { title: 'Tweet #hashtag' }],
  ['Take out bins every monday', { title: 'Take out bins', due: '2026-03-09', rule: 'FREQ=WEEKLY;BYDAY=MO' }],
  ['Gym every mon, wed and fri', { title: 'Gym', due: '2026-03-09', rule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' }],
  ['Piano every Tuesday & Thursday 6pm', { title: 'Piano', due: '2026-03-10', time: '18:00', rule: 'FREQ=WEEKLY;BYDAY=TU,TH' }],
  ['Stretch every day', { title: 'Stretch', due: '2026-03-07', rule: 'FREQ=DAILY' }],
  ['Stretch daily at 8pm', { title: 'Stretch', due: '2026-03-07', time: '20:00', rule: 'FREQ=DAILY' }],
  ['Check mail every weekday', { title: 'Check mail', due: '2026-03-09', rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }],
  ['Water ferns every 3 days', { title: 'Water ferns', due: '2026-03-07', rule: 'FREQ=DAILY;INTERVAL=3' }],
  ['Water ferns every other day', { title: 'Water ferns', due: '2026-03-07', rule: 'FREQ=DAILY;INTERVAL=2' }],
  ['Change filter every 2 weeks', { title: 'Change filter', due: '2026-03-07', rule: 'FREQ=WEEKLY;INTERVAL=2' }],
  ['Pay card every month on the 15th', { title: 'Pay card', due: '2026-03-15', rule: 'FREQ=MONTHLY;BYMONTHDAY=15' }],
  ['Pay rent every 1st', { title: 'Pay rent', due: '2026-04-01', rule: 'FREQ=MONTHLY;BYMONTHDAY=1' }],
  ['Backup monthly', { title: 'Backup', due: '2026-03-07', rule: 'FREQ=MONTHLY' }],
  ['Haircut 30 days after completion', { title: 'Haircut', due: '2026-03-07', rule: 'FREQ=DAILY;INTERVAL=30', from: 'completion' }],
  ['Descale kettle every 10 days after done', { title: 'Descale kettle', due: '2026-03-07', rule: 'FREQ=DAILY;INTERVAL=10', from: 'completion' }],
  ['Review goals every year p2 #work', { title: 'Review goals', due: '2026-03-07', rule: 'FREQ=YEARLY', priority: 2, list: 'l-work' }],
  ['Team sync every monday 10am p1 #work', { title: 'Team sync', due: '2026-03-09', time: '10:00', rule: 'FREQ=WEEKLY;BYDAY=MO', priority: 1, list: 'l-work' }],
  ['tomorrow', { title: 'tomorrow' }],
  ['p1', { title: 'p1' }],
];

describe('parseQuickAdd', () => {
  for (const timeZone of ['America/New_York', 'Europe/Berlin']) {
    describe(timeZone, () => {
      it.each(SAME_IN_BOTH)('%s', (input, want) => {
        check(input, timeZone, want);
      });
    });
  }

  it('reads "tomorrow" in the user’s zone: near midnight UTC, New York is still on Saturday and Berlin already on Sunday', () => {
    const lateNight = Date.parse('2026-03-08T03:30:00Z');
    check('Call mom tomorrow', 'America/New_York', { title: 'Call mom', due: '2026-03-08' }, lateNight);
    check('Call mom tomorrow', 'Europe/Berlin', { title: 'Call mom', due: '2026-03-09' }, lateNight);
    check('Stretch every day', 'Europe/Berlin', { title: 'Stretch', due: '2026-03-08', rule: 'FREQ=DAILY' }, lateNight);
  });

  it('reads a time alone as the next such time in the user’s zone (10:00 in New York, 16:00 in Berlin)', () => {
    check('Meet Ana at 3', 'America/New_York', { title: 'Meet Ana', due: '2026-03-07', time: '15:00' });
    check('Meet Ana at 3', 'Europe/Berlin', { title: 'Meet Ana', due: '2026-03-08', time: '15:00' });
    check('Lunch with Bo at noon', 'America/New_York', { title: 'Lunch with Bo', due: '2026-03-07', time: '12:00' });
    check('Lunch with Bo at noon', 'Europe/Berlin', { title: 'Lunch with Bo', due: '2026-03-08', time: '12:00' });
    check('Stretch daily at 7am', 'Europe/Berlin', { title: 'Stretch', due: '2026-03-08', time: '07:00', rule: 'FREQ=DAILY' });
  });

  it('keeps the wall-clock time across a DST change: 17:00 the day New York springs forward', () => {
    check('Call mom tomorrow 5pm', 'America/New_York', { title: 'Call mom', due: '2026-03-08', time: '17:00' });
    const beforeBerlinChange = Date.parse('2026-03-28T10:00:00Z');
    check('Brunch tomorrow 11am', 'Europe/Berlin', { title: 'Brunch', due: '2026-03-29', time: '11:00' }, beforeBerlinChange);
  });

  it('does not depend on the zone of the machine it runs on', () => {
    const got = parseQuickAdd('Call mom tomorrow 5pm', { now: NOW, timeZone: 'Pacific/Auckland', lists: [] });
    // 15:00 UTC on 7 March is 04:00 on Sunday 8 March in Auckland.
    expect([got.dueDay, got.dueTime]).toEqual(['2026-03-09', '17:00']);
  });

  it('shows each understood part as a chip, in reading order of kind', () => {
    const got = check('Team sync every monday 10am p1 #work', 'UTC', {
      title: 'Team sync',
      due: '2026-03-09',
      time: '10:00',
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      priority: 1,
      list: 'l-work',
    });
    expect(got.chips).toEqual([
      { kind: 'priority', text: 'p1', label: 'P1' },
      { kind: 'list', text: '#work', label: '#Work' },
      { kind: 'repeat', text: 'every monday', label: 'Every week on Monday' },
      { kind: 'due', text: '10am', label: 'Mon 9 Mar 10:00' },
    ]);
  });

  it('a removed chip gives its words back to the title', () => {
    const parse = (skip: ChipKind[]) => parseQuickAdd('Call mom tomorrow 5pm p1 #work', { now: NOW, timeZone: 'UTC', lists: LISTS, skip: new Set(skip) });
    expect(parse(['priority'])).toMatchObject({ title: 'Call mom p1', priority: null, dueDay: '2026-03-08', listId: 'l-work' });
    expect(parse(['due'])).toMatchObject({ title: 'Call mom tomorrow 5pm', dueDay: null, dueTime: null, priority: 1 });
    expect(parse(['list'])).toMatchObject({ title: 'Call mom #work', listId: null });
    expect(parse(['due', 'priority', 'list'])).toMatchObject({ title: 'Call mom tomorrow 5pm p1 #work', chips: [] });
  });
});
