/** The reminders the editor offers, also named on a task's row (which loads without the editor). */
export const REMINDER_CHOICES: { minutes: number; label: string }[] = [
  { minutes: 0, label: 'At due time' },
  { minutes: 10, label: '10 minutes before' },
  { minutes: 30, label: '30 minutes before' },
  { minutes: 60, label: '1 hour before' },
  { minutes: 1440, label: '1 day before' },
];
