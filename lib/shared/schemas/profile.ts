import { z } from 'zod';
import { patchOf, text } from './fields';
import { isTimeZone } from '../timezone';

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'qwerty1234',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'abcdefghij',
  'abc1234567',
  'adminadmin',
  '0987654321',
]);

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address').max(254));
/** An IANA name's shape (`Area/Location`, `UTC`, `EST5EDT`…), stated in OpenAPI; the server also checks it knows the zone. */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
export const timezoneSchema = z
  .string()
  .max(64)
  .regex(IANA_SHAPE, 'Use an IANA time zone name such as Europe/Paris')
  .refine(isTimeZone, 'Unknown time zone (use an IANA name such as Europe/Paris)')
  .meta({ description: 'An IANA time zone name the server knows, e.g. `Europe/Paris` or `UTC`.', examples: ['Europe/Paris', 'America/New_York', 'UTC'] });
export const nameSchema = text().trim().min(1, 'Enter your name').max(100);

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'This password is too common')
  .refine((p) => new Set(p).size >= 4, 'Use more different characters');

export const signupSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  timezone: timezoneSchema.default('UTC'),
});
export type SignupInput = z.infer<typeof signupSchema>;

/** Light, dark, or whatever the device's own setting says (`system`); kept with the profile, so every device shows the same. */
export const themeSchema = z.enum(['system', 'light', 'dark']).meta({ description: 'The colour scheme: `system` follows the device.' });
export type Theme = z.infer<typeof themeSchema>;

export const profilePatchSchema = patchOf({ name: nameSchema, timezone: timezoneSchema, theme: themeSchema });
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const profileSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['user', 'admin']),
  timezone: z.string(),
  theme: themeSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Profile = z.infer<typeof profileSchema>;
