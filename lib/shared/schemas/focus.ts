import { z } from 'zod';
import { pageFields, text } from './fields';

export const pomodoroSettingsSchema = z.object({
  focusMinutes: z.number().int().min(1).max(180),
  shortBreakMinutes: z.number().int().min(1).max(60),
  longBreakMinutes: z.number().int().min(1).max(120),
  cyclesBeforeLongBreak: z.number().int().min(1).max(12),
});

export const focusTaskTitleSchema = text().trim().max(200);

export const deviceIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _');

/** The longest a session may be planned, extensions included. */
export const MAX_PLANNED_MINUTES = 600;

/** Minutes past its planned end after which a forgotten session completes itself (decision 030). */
export const graceMinutesSchema = z.number().int().min(1).max(240);

/**
 * When the user acted, on the server's clock as the browser knew it (decision 052): a timer write made
 * offline and sent later takes effect then. The server never lets it run backwards or ahead of now.
 */
export const actedAtSchema = z.number().int().min(0).max(8_640_000_000_000_000);
/** The session a write means; a write made offline for a session that is no longer the running one changes nothing (409). */
export const focusSessionIdSchema = z.uuid();
/** How long a timer write made offline may wait to be sent and still take effect at its time. */
export const MAX_OFFLINE_MS = 24 * 3_600_000;

export const focusStartSchema = z
  .object({
    /** The session's id, made by the browser so that later writes made offline can name it. */
    id: focusSessionIdSchema.optional(),
    at: actedAtSchema.optional(),
    taskTitle: focusTaskTitleSchema.optional().nullable(),
    mode: z.enum(['focus', 'pomodoro']),
    plannedMinutes: z.number().int().min(1).max(MAX_PLANNED_MINUTES),
    pomodoro: pomodoroSettingsSchema.optional(),
    deviceId: deviceIdSchema.optional(),
    graceMinutes: graceMinutesSchema.optional(),
  })
  .strict();
export type FocusStartInput = z.infer<typeof focusStartSchema>;

/** POST /api/focus/extend: more minutes for the active session ("+5 min" when time is up). */
export const focusExtendSchema = z.object({ minutes: z.number().int().min(1).max(60) }).strict();
export type FocusExtendInput = z.infer<typeof focusExtendSchema>;

/** POST /api/focus/pause and /resume; the body may be left out. */
export const focusActSchema = z.object({ sessionId: focusSessionIdSchema.optional(), at: actedAtSchema.optional() }).strict();
export type FocusActInput = z.infer<typeof focusActSchema>;
export const focusStopSchema = focusActSchema.extend({ completed: z.boolean() }).strict();
export type FocusStopInput = z.infer<typeof focusStopSchema>;
export const focusMoveSchema = z.object({ targetDeviceId: deviceIdSchema }).strict();
export const emptyBodySchema = z.object({}).strict();

export const focusSessionsQuerySchema = z
  .object({
    from: z.coerce.number().int().min(0),
    to: z.coerce.number().int().min(0),
    ...pageFields,
  })
  .refine((q) => q.to >= q.from, 'to must not be before from')
  .refine((q) => q.to - q.from <= 366 * 24 * 3600_000, 'Ask for at most one year at a time');
export type FocusSessionsQuery = z.infer<typeof focusSessionsQuerySchema>;
