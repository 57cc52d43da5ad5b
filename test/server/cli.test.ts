import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GET as getMe } from '@/app/api/me/route';
import { call, createTestUser } from './helpers';

// The admin CLI (`npm run cli -- …`) as an operator runs it: its own process, against this test
// file's temporary DATA_DIR and database, which the route handlers below read too.

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const meWith = (key: string) => call(getMe, '/api/me', { headers: { authorization: `Bearer ${key}` } });

describe('the admin CLI', () => {
  it('creates a user and lists every user of the database', { timeout: 120_000 }, async () => {
    const web = await createTestUser();
    const email = `cli-${Date.now()}@example.test`;
    const created = cli('user:create', '--email', email, '--password', 'a long cli password', '--name', 'Cli User');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(new RegExp(`created user ${email} \\([0-9a-f-]{36}\\)`));

    const listed = cli('user:list');
    expect(listed.code, listed.err).toBe(0);
    const rows = listed.out
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows).toContainEqual([expect.any(String), email, 'user', 'UTC', 'active', expect.any(String)]);
    expect(rows.map((r) => r[1])).toContain(web.email);
  });

  it('creates an API key that authenticates as its user, lists it, and revokes it so the same key gets 401', { timeout: 120_000 }, async () => {
    const user = await createTestUser();
    const created = cli('apikey:create', '--email', user.email, '--label', 'Backup script');
    expect(created.code, created.err).toBe(0);
    const key = created.out.trim();
    expect(key).toMatch(/^pos_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    const id = key.slice(4, 16);
    expect(created.err).toContain(`created API key ${id} "Backup script"`);

    const me = await meWith(key);
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(user.email);

    const listed = cli('apikey:list', '--email', user.email);
    expect(listed.out.split('\t').slice(0, 3)).toEqual([id, `pos_${id}`, 'Backup script']);
    expect(listed.out).toMatch(/\tactive\n$/);
    expect(listed.out).not.toContain(key);

    const revoked = cli('apikey:revoke', '--id', id);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toMatch(new RegExp(`revoked API key ${id} "Backup script" at \\d{4}-`));
    expect((await meWith(key)).status).toBe(401);
    expect(cli('apikey:list', '--email', user.email).out).toMatch(/\trevoked \d{4}-/);
  });

  it.each([
    ['a key for an unknown email', ['apikey:create', '--email', 'nobody@example.test', '--label', 'x'], 1, /No user with email nobody@example.test/],
    ['a key without a label', ['apikey:create', '--email', 'nobody@example.test'], 1, /label/],
    ['revoking an unknown key', ['apikey:revoke', '--id', 'zzzzzzzzzzzz'], 1, /API key not found/],
    ['an unknown command', ['apikey:mint'], 2, /Usage: npm run cli/],
  ])('fails with a message for %s', { timeout: 60_000 }, (_label, args, code, message) => {
    const result = cli(...args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });
});
