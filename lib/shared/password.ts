/**
 * The password rules of sign-up and of a password change, without Zod: the settings form checks a
 * new password on the page with them (its page loads no Zod, decision 059), and `passwordSchema`
 * states the same rules, with the same messages, to the server and the OpenAPI document.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_MESSAGES = {
  short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  long: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  common: 'This password is too common',
  uniform: 'Use more different characters',
} as const;

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

export const isUncommonPassword = (p: string) => !COMMON_PASSWORDS.has(p.toLowerCase());
export const hasVariedCharacters = (p: string) => new Set(p).size >= 4;

/** What is wrong with a new password, the first rule it breaks in the schema's order; null when none. */
export function passwordProblem(p: string): string | null {
  // Counted in code points, as Zod counts a string's length: an emoji is one character.
  const length = [...p].length;
  if (length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.short;
  if (length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.long;
  if (!isUncommonPassword(p)) return PASSWORD_MESSAGES.common;
  if (!hasVariedCharacters(p)) return PASSWORD_MESSAGES.uniform;
  return null;
}
