// What text cannot hold and come back whole, without Zod (the browser's op-log checks use it too):
// NUL ends a string in SQLite's C API (what follows it is lost on read), and a lone UTF-16 surrogate
// is not Unicode (it comes back as U+FFFD), so an identical retry would no longer match what the
// server stored.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The same rule as a JSON Schema `pattern` (so the OpenAPI document states it): no NUL, surrogates only in pairs. */
export const STORABLE = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

export const UNSTORABLE_TEXT_MESSAGE = 'Remove the NUL character or the broken Unicode (a lone surrogate) from the text';

/** Whether every character of `s` is stored and read back as sent. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** A string's length in Unicode code points, as the API's schemas measure text (a surrogate pair is one). */
export function codePointLength(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}
