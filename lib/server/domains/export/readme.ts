import 'server-only';
import { EXPORT_DOMAINS } from './tables';

const wrap = (text: string, indent = '  ', width = 96): string => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : indent + word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
};

/** README.txt: what each file of the export holds, and how to read it. Written from the table list, so no file goes undescribed. */
export function readme(exportedAt: string): string {
  const json = EXPORT_DOMAINS.map((d) =>
    [
      `json/${d.json} — ${d.about}.`,
      ...d.tables.map((t) =>
        wrap(`${t.key}${t.single ? '' : ' (a list)'}: ${t.about}. Fields: ${t.columns.map((c) => c.name).join(', ')}.`, '    ').replace(/^ {4}/, '  - '),
      ),
    ].join('\n'),
  );
  const csv = EXPORT_DOMAINS.flatMap((d) =>
    d.tables.filter((t) => t.csv).map((t) => `csv/${t.csv} — ${t.about}.\n${wrap(`Columns: ${t.columns.map((c) => c.name).join(', ')}.`)}`),
  );
  return [
    'PASSION OS — YOUR DATA',
    `Exported ${exportedAt} (UTC).`,
    '',
    'This archive holds your data, in two forms: json/ has one file per part of the app with',
    'every field, for programs and for importing elsewhere; csv/ has one file per table',
    'for spreadsheets (Excel, Numbers, LibreOffice, Google Sheets). Ids link the tables: habitLogs.habitId',
    'is the id of a habit, readingSessions.bookId of a book, planItems.planId of a daily plan.',
    '',
    'HOW TO READ IT',
    '- Times (fields ending in "At", and "deadline") are ISO 8601 in UTC, e.g. 2026-12-06T21:05:00.000Z.',
    '  Days ("day", "dueDay") are YYYY-MM-DD in your own time zone. Fields ending in "Ms" are milliseconds.',
    '- CSV files follow RFC 4180: comma-separated, a field holding a comma, a double quote or a line',
    '  break is put in double quotes with its quotes doubled, and lines end with CRLF. They are UTF-8',
    "  with a byte-order mark, so spreadsheets show accents right. A list (a mood entry's activities)",
    '  is written with "; " between its items; an object (a check-in\'s answers) as JSON.',
    '- Formula guard: in the CSV files, a text that begins with =, +, -, @, a tab or a carriage return',
    "  is written with a single quote (') in front, so that a spreadsheet shows it as text instead of",
    '  running it as a formula. The JSON files hold every text exactly as you wrote it.',
    '- Tasks are exported as they stand now: the lists and tasks you see, not the history of edits.',
    '- Deleted records are not included. A record changed while the export was being written may',
    '  appear twice, as it was and as it is.',
    '- Never included: your password (the app stores only a one-way hash of it), the API keys',
    '  themselves (only their label and the prefix Settings shows), and whole push tokens (only their',
    '  first 8 characters).',
    '',
    'JSON FILES',
    ...json,
    '',
    'CSV FILES',
    ...csv,
    '',
  ].join('\n');
}
