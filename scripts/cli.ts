// `npm run cli -- <command> [--flags]`: administration against DATABASE_URL.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { passwordSchema, signupSchema } from '@/lib/shared/schemas/profile';
import { backupDatabase } from '@/lib/server/platform/db/backup';
import { closeDb } from '@/lib/server/platform/db/client';
import { AppError } from '@/lib/server/platform/errors';
import { restoreBackup } from '@/lib/server/maintenance';
import { startRuntime } from '@/lib/server/runtime';
import { createApiKey, listApiKeys, revokeApiKeyById } from '@/lib/server/domains/devices/api-keys';
import { compactAll } from '@/lib/server/platform/oplog/compaction';
import { createUser, listUsers } from '@/lib/server/domains/account/users';
import { resetPassword } from '@/lib/server/domains/account/password';
import { apiKeyCreateSchema } from '@/lib/shared/schemas/native';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  user:create --email E --password P [--name N] [--timezone TZ] [--admin]
  user:list
  user:reset-password --email E [--password P]
                                        a new password (read from stdin when --password is left out,
                                        so it stays out of the shell history); every session ends
  apikey:create --email E --label L     prints the new key once; it cannot be shown again
  apikey:list --email E
  apikey:revoke --id ID
  oplog:compact                         compact every user's task op log now
  db:backup --out FILE                  online copy of an embedded (file:) database (VACUUM INTO)
  db:restore --from FILE                put a backup back, the app stopped; every client resyncs
`;

type Flags = Record<string, string | boolean | undefined>;

async function userIdByEmail(email: unknown): Promise<string> {
  const wanted = String(email ?? '')
    .trim()
    .toLowerCase();
  const user = (await listUsers()).find((u) => u.email === wanted);
  if (!user) throw new AppError('not_found', `No user with email ${wanted || '(none given: use --email)'}`);
  return user.id;
}

/** All of stdin, without its final line break (`printf '%s' "$PW" | npm run cli -- …`, or typed and ended with Ctrl-D). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) console.error('Type the new password, then Enter and Ctrl-D:');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

const commands: Record<string, (flags: Flags) => Promise<void>> = {
  async 'user:create'(flags) {
    const input = signupSchema.parse({
      email: flags.email,
      password: flags.password,
      name: flags.name ?? String(flags.email ?? '').split('@')[0],
      timezone: flags.timezone ?? 'UTC',
    });
    const user = await createUser({ ...input, role: flags.admin ? 'admin' : 'user' });
    console.log(`created ${user.role} ${user.email} (${user.id})`);
  },
  async 'oplog:compact'() {
    const results = await compactAll();
    for (const r of results) console.log(`${r.userId}\tsnapshots=${r.snapshots}\tpruned=${r.pruned}\tretired=${r.retired}\tfloor=${r.floor}`);
    console.log(`compacted ${results.length} user log(s)`);
  },
  async 'user:list'() {
    const users = await listUsers();
    if (users.length === 0) console.log('no users');
    for (const u of users) {
      console.log([u.id, u.email, u.role, u.timezone, u.disabledAt ? 'disabled' : 'active', new Date(u.createdAt).toISOString()].join('\t'));
    }
  },
  async 'user:reset-password'(flags) {
    const userId = await userIdByEmail(flags.email);
    const password = passwordSchema.parse(typeof flags.password === 'string' ? flags.password : await readStdin());
    const ended = await resetPassword(userId, password);
    console.log(`password changed; ${ended} session(s) signed out`);
  },
  async 'apikey:create'(flags) {
    const input = apiKeyCreateSchema.parse({ label: flags.label });
    const { key, apiKey } = await createApiKey({ userId: await userIdByEmail(flags.email) }, input);
    console.error(`created API key ${apiKey.id} "${apiKey.label}"; it is shown this once:`);
    console.log(key);
  },
  async 'apikey:list'(flags) {
    const keys = await listApiKeys({ userId: await userIdByEmail(flags.email) });
    if (keys.length === 0) console.log('no API keys');
    for (const k of keys)
      console.log(
        [k.id, k.prefix, k.label, iso(k.createdAt), `last used ${iso(k.lastUsedAt)}`, k.revokedAt ? `revoked ${iso(k.revokedAt)}` : 'active'].join('\t'),
      );
  },
  async 'apikey:revoke'(flags) {
    const key = await revokeApiKeyById(String(flags.id ?? ''));
    console.log(`revoked API key ${key.id} "${key.label}" at ${iso(key.revokedAt)}`);
  },
  async 'db:backup'(flags) {
    if (typeof flags.out !== 'string' || !flags.out) throw new AppError('bad_request', 'db:backup needs --out FILE');
    const backup = await backupDatabase(flags.out);
    console.log(`backed up to ${backup.path} (${backup.bytes} bytes)`);
  },
  async 'db:restore'(flags) {
    if (typeof flags.from !== 'string' || !flags.from) throw new AppError('bad_request', 'db:restore needs --from FILE');
    const restored = await restoreBackup(flags.from);
    console.log(
      `restored ${restored.path} (${restored.bytes} bytes); ${restored.retiredClients} task clients will bootstrap, ${restored.devices} devices download again`,
    );
  },
};

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.error(USAGE);
    return command ? 2 : 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      timezone: { type: 'string' },
      admin: { type: 'boolean' },
      label: { type: 'string' },
      id: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
    },
    strict: true,
  });
  await startRuntime({ serve: false });
  try {
    await run(values);
    return 0;
  } catch (err) {
    if (err instanceof ZodError) console.error(err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    else if (err instanceof AppError) console.error(err.message);
    else throw err;
    return 1;
  } finally {
    closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
