/** The version of the terms every user accepts (its text: terms.ts); a new version asks everyone again. */
export const CURRENT_TERMS_VERSION = 1;
