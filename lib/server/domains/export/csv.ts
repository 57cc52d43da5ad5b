import 'server-only';

/** What a field of an exported record holds: `null` is an empty cell, a list is joined with "; ", an object written as JSON. */
export type CellValue = string | number | boolean | null | readonly string[] | { readonly [key: string]: unknown };

// OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these as a formula. Tab
// and carriage return are on OWASP's list too (some spreadsheets trim them before parsing).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell per RFC 4180 (quoted when it holds a quote, comma or line break; quotes doubled), text that could run as a formula prefixed with `'`. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : Array.isArray(value) ? value.join('; ') : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly CellValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
