// `npm run sync-client -- <command>`: the reference native client of record sync v1 (seed 002).
// It keeps a local libsql database and syncs it with a Passion OS server through the public API
// only (Bearer API key, /api/devices, /api/v1/sync/*), as an iOS or desktop app would.
import { parseArgs } from 'node:util';
import { NetworkError, ServerError, SyncApi } from './api';
import { configureClient } from './configure';
import { addRecord, deleteRecord, editRecord, entityTypeOf, FIELD_FLAGS, fieldsFromFlags, parseInstant, UsageError } from './edits';
import { progressBar } from './progress';
import { LocalStore, StoreFormatError } from './store';
import { syncOnce } from './sync';

const USAGE = `Usage: npm run sync-client -- <command> [--db FILE] [options]

Commands:
  configure --server URL --api-key KEY --device-label LABEL [--platform P]
                                   register this client as a device of the key's account
  sync [--limit N]                 upload local changes, then download everything new
  status                           last sync, pending and set-aside changes, cursor
  list <entityType> [--all]        the local records (--all: tombstones too)
  add <entityType> [fields]        a new record (dirty until the next sync)
  edit <entityType> <id> [fields]
  delete <entityType> <id>

Fields: --data JSON for any entity type, or
  habits        --name --cadence daily|weekly --times-per-week N --color #rrggbb
  books         --title --author --total-pages N
  mood_entries  --score 1-10 --notes --recorded-at TIME
  --at TIME sets the edit's updatedAt (default now), to play out last-write-wins by hand.

--db defaults to ./data/sync-client.db. Exit codes: 0 done, 1 failed (nothing changed locally), 2 usage.`;

const fieldOptions = Object.fromEntries(Object.values(FIELD_FLAGS).flatMap((flags) => Object.keys(flags ?? {}).map((f) => [f, { type: 'string' as const }])));

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string', default: './data/sync-client.db' },
      server: { type: 'string' },
      'api-key': { type: 'string' },
      'device-label': { type: 'string' },
      platform: { type: 'string', default: 'cli' },
      limit: { type: 'string' },
      all: { type: 'boolean' },
      data: { type: 'string' },
      at: { type: 'string' },
      ...fieldOptions,
    },
  });
}

type Flags = ReturnType<typeof parse>['values'] & Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function recordId(id: string | undefined): string {
  if (!id) throw new UsageError('Name the record: <entityType> <id> (see list <entityType>)');
  return id;
}

const iso = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());

async function configure(store: LocalStore, flags: Flags): Promise<void> {
  const [server, apiKey] = [required(flags, 'server'), required(flags, 'api-key')];
  const input = { server, apiKey, deviceLabel: required(flags, 'device-label'), platform: String(flags.platform) };
  const { email, device } = await configureClient(store, new SyncApi(server, apiKey), input);
  console.log(`configured ${email} on ${server} as device ${device.id} "${device.label}"`);
}

async function sync(store: LocalStore, flags: Flags): Promise<void> {
  const state = await store.state();
  if (!state) throw new UsageError('Not configured: run configure first');
  const bar = progressBar();
  try {
    const summary = await syncOnce(store, new SyncApi(state.server, state.apiKey), {
      limit: flags.limit ? Number(flags.limit) : undefined,
      onProgress: bar.update,
    });
    bar.done();
    for (const c of summary.conflicts) {
      console.log(`conflict: ${c.entityType} ${c.id} lost to the server's newer version${c.server.id === c.id ? '' : ` ${c.server.id}`} (kept the server's)`);
    }
    for (const c of summary.setAside) console.log(`set aside: ${c.entityType} ${c.id} refused by the server (${c.message}); edit it to send it again`);
    if (summary.restarted)
      console.log(`the server no longer knew this client's cursor: downloaded everything again, ${summary.requeued} local record(s) queued to upload again`);
    console.log(
      `synced: uploaded ${summary.uploaded} (${summary.applied} applied, ${summary.conflicts.length} conflicts, ${summary.setAside.length} set aside), downloaded ${summary.downloaded} in ${summary.pages} page(s), cursor ${summary.cursor}`,
    );
  } catch (err) {
    bar.done();
    throw err;
  }
}

async function status(store: LocalStore): Promise<void> {
  const state = await store.state();
  const { records, pending } = await store.counts();
  const setAside = await store.setAside();
  if (!state) console.log('not configured');
  else
    console.log(
      `server ${state.server}\ndevice ${state.deviceId}\nlast sync ${iso(state.lastSyncAt)}${state.lastResult ? ` (${state.lastResult})` : ''}\ncursor ${state.cursor}`,
    );
  console.log(`records ${records}\npending changes ${pending}\nset aside ${setAside.length}`);
  for (const c of setAside) console.log(`  ${c.entityType} ${c.id} (version of ${iso(c.updatedAt)}): ${c.status} ${c.code}: ${c.message}`);
}

async function list(store: LocalStore, type: string | undefined, flags: Flags): Promise<void> {
  const records = await store.list(entityTypeOf(type), Boolean(flags.all));
  for (const r of records)
    console.log([r.id, iso(r.updatedAt), r.deleted ? 'deleted' : 'live', r.dirty ? 'pending' : 'synced', JSON.stringify(r.data)].join('\t'));
  if (records.length === 0) console.log(`no ${type} records`);
}

async function run(command: string, positionals: string[], flags: Flags, store: LocalStore): Promise<void> {
  const at = typeof flags.at === 'string' ? parseInstant(flags.at) : Date.now();
  const [type, id] = positionals;
  switch (command) {
    case 'configure':
      return configure(store, flags);
    case 'sync':
      return sync(store, flags);
    case 'status':
      return status(store);
    case 'list':
      return list(store, type, flags);
    case 'add': {
      const entityType = entityTypeOf(type);
      const record = await addRecord(store, entityType, fieldsFromFlags(entityType, flags as Record<string, string | undefined>), at);
      return void console.log(record.id);
    }
    case 'edit': {
      const entityType = entityTypeOf(type);
      await editRecord(store, entityType, recordId(id), fieldsFromFlags(entityType, flags as Record<string, string | undefined>), at);
      return void console.log(`edited ${entityType} ${id}`);
    }
    case 'delete': {
      const entityType = entityTypeOf(type);
      await deleteRecord(store, entityType, recordId(id), at);
      return void console.log(`deleted ${entityType} ${id}`);
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...positionals] = parsed.positionals;
  if (!command) {
    console.log(USAGE);
    return 0;
  }
  let store: LocalStore;
  try {
    store = await LocalStore.open(String(parsed.values.db));
  } catch (err) {
    if (!(err instanceof StoreFormatError)) throw err;
    console.error(err.message);
    return 1;
  }
  try {
    await run(command, positionals, parsed.values as Flags, store);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof NetworkError || err instanceof ServerError) {
      console.error(`${err.message}\nNothing changed locally; run the command again to retry.`);
      return 1;
    }
    throw err;
  } finally {
    store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
