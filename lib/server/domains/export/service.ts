import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/lib/server/platform/auth/schema';
import { getDb } from '@/lib/server/platform/db/client';
import { notFound } from '@/lib/server/platform/errors';
import { localDay } from '@/lib/shared/days';
import { csvRow } from './csv';
import { readme } from './readme';
import { EXPORT_DOMAINS, type ExportDomain, type ExportTable } from './tables';
import { zipStream, type ZipEntry } from './zip';

export interface ExportOptions {
  /** Rows per database read (default 500). */
  pageSize?: number;
  /** Told after each page is read: the CLI's progress, and the tests' proof that reading keeps pace with writing. */
  onPage?: (table: string, rows: number) => void;
  now?: number;
}

export interface AccountExport {
  /** passion-os-export-YYYY-MM-DD.zip, the day in the user's time zone. */
  filename: string;
  body: ReadableStream<Uint8Array>;
}

const DEFAULT_PAGE_SIZE = 500;
const BOM = '\uFEFF';

type Read = (table: ExportTable<never>) => AsyncIterable<never[]>;

function record(table: ExportTable<never>, row: never): Record<string, unknown> {
  return Object.fromEntries(table.columns.map((c) => [c.name, c.value(row)]));
}

/** A domain's JSON file: `exportedAt`, then each table as an array of objects, one object a line. */
async function* domainJson(domain: ExportDomain, exportedAt: string, read: Read): AsyncGenerator<string> {
  yield `{\n  "exportedAt": ${JSON.stringify(exportedAt)}`;
  for (const table of domain.tables) {
    if (table.single) {
      let one: Record<string, unknown> | null = null;
      for await (const page of read(table)) one = record(table, page[0]);
      yield `,\n  ${JSON.stringify(table.key)}: ${JSON.stringify(one)}`;
      continue;
    }
    yield `,\n  ${JSON.stringify(table.key)}: [`;
    let count = 0;
    for await (const page of read(table)) {
      let text = '';
      for (const row of page) text += `${count++ === 0 ? '' : ','}\n    ${JSON.stringify(record(table, row))}`;
      yield text;
    }
    yield count === 0 ? ']' : '\n  ]';
  }
  yield '\n}\n';
}

/** A table as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read accents right). */
async function* tableCsv(table: ExportTable<never>, read: Read): AsyncGenerator<string> {
  yield BOM + csvRow(table.columns.map((c) => c.name));
  for await (const page of read(table)) yield page.map((row) => csvRow(table.columns.map((c) => c.value(row)))).join('');
}

/**
 * GET /api/me/export and `user:export`: everything of the user's as a ZIP (README.txt, json/ one
 * file per domain, csv/ one file per table), streamed: rows are read a page at a time as the reader
 * takes the bytes, so an account of any size costs one page of memory.
 */
export async function openExport(ctx: { userId: string }, options: ExportOptions = {}): Promise<AccountExport> {
  const user = await getDb().select({ timezone: users.timezone }).from(users).where(eq(users.id, ctx.userId)).get();
  if (!user) throw notFound('Account');
  const now = options.now ?? Date.now();
  const exportedAt = new Date(now).toISOString();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const read: Read = async function* (table) {
    for await (const page of table.pages(ctx.userId, pageSize)) {
      options.onPage?.(table.key, page.length);
      yield page;
    }
  };
  const entries: ZipEntry[] = [
    {
      name: 'README.txt',
      async *content() {
        yield readme(exportedAt);
      },
    },
    ...EXPORT_DOMAINS.map((domain) => ({ name: `json/${domain.json}`, content: () => domainJson(domain, exportedAt, read) })),
    ...EXPORT_DOMAINS.flatMap((domain) =>
      domain.tables.filter((t) => t.csv).map((table) => ({ name: `csv/${table.csv}`, content: () => tableCsv(table, read) })),
    ),
  ];
  return { filename: `passion-os-export-${localDay(now, user.timezone)}.zip`, body: zipStream(entries, new Date(now)) };
}
