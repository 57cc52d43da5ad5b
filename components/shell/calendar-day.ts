/** "Tue 2 Dec" in the browser's language; a calendar day (YYYY-MM-DD) has no zone to move it. */
const SHORT_DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

export const formatCalendarDay = (day: string): string => SHORT_DAY.format(Date.parse(`${day}T12:00:00Z`));
