// `npm run cli -- <command> [--flags]`: administration against DATABASE_URL.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { signupSchema } from '@/lib/shared/schemas/profile';
import { closeDb } from '@/lib/server/db/client';
import { ensureDatabase } from '@/lib/server/db/migrate';
import { AppError } from '@/lib/server/errors';
import { createUser, listUsers } from '@/lib/server/users';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  user:create --email E --password P [--name N] [--timezone TZ] [--admin]
  user:list
`;

type Flags = Record<string, string | boolean | undefined>;

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
  async 'user:list'() {
    const users = await listUsers();
    if (users.length === 0) console.log('no users');
    for (const u of users) {
      console.log([u.id, u.email, u.role, u.timezone, u.disabledAt ? 'disabled' : 'active', new Date(u.createdAt).toISOString()].join('\t'));
    }
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
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, timezone: { type: 'string' }, admin: { type: 'boolean' } },
    strict: true,
  });
  await ensureDatabase();
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
