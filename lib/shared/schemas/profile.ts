import { z } from 'zod';
import { patchOf, text } from './fields';
import { isTimeZone } from '../timezone';
import { hasVariedCharacters, isUncommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH } from '../password';

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

/** The rules live in ../password, without Zod, for the settings form (decision 059). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, PASSWORD_MESSAGES.short)
  .max(PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES.long)
  .refine(isUncommonPassword, PASSWORD_MESSAGES.common)
  .refine(hasVariedCharacters, PASSWORD_MESSAGES.uniform);

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
