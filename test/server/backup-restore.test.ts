import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST as registerDevice } from '@/app/api/devices/route';
import { GET as bootstrapRoute } from '@/app/api/sync/bootstrap/route';
import { GET as pullRoute } from '@/app/api/sync/pull/route';
import { POST as pushRoute } from '@/app/api/sync/push/route';
import { GET as downloadRoute } from '@/app/api/v1/sync/download/route';
import { POST as uploadRoute } from '@/app/api/v1/sync/upload/route';
import { restoreBackup } from '@/lib/server/maintenance';
import { backupDatabase } from '@/lib/server/platform/db/backup';
import { restoreDatabase } from '@/lib/server/platform/db/restore';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { call, createTestUser, type TestUser } from './helpers';

// A cursor from the future is refused (the restraint issue, item 6): devices sync, a backup is taken,
// more is written, the backup is restored — and every device converges on what the server holds.

const ORIGIN = { origin: 'http://localhost:3000' };

/** A task client as docs/protocol-spec.md describes one: replica, cursor, outbox, and a 410 → bootstrap. */
class TaskClient {
  readonly id = randomUUID();
  doc = new TaskDocument({ actor: this.id });
  cursor = 0;
  outbox: OpEnvelope[] = [];
  bootstraps = 0;

  constructor(private readonly user: TestUser) {}

  edit(make: (doc: TaskDocument) => OpEnvelope | OpEnvelope[]): void {
    const made = make(this.doc);
    this.outbox.push(...(Array.isArray(made) ? made : [made]));
  }

  async bootstrap(): Promise<void> {
    const res = await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${this.id}`, { cookie: this.user.cookie });
    const body = await res.json();
    this.doc = new TaskDocument({ actor: this.id });
    for (const s of body.snapshots) this.doc.loadResource(s.scope, s.resourceId, s.state);
    this.doc.applyAll(body.ops);
    this.doc.applyAll(this.outbox);
    this.cursor = body.serverSeq;
    this.bootstraps += 1;
  }

  /** Push the outbox, then pull to the end; a 410 bootstraps and tries again. */
  async sync(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.outbox.length) {
        const pushed = await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: this.user.cookie, body: { clientId: this.id, ops: this.outbox } });
        if (pushed.status === 410) {
          await this.bootstrap();
          continue;
        }
        expect(pushed.status).toBe(200);
        this.outbox = [];
      }
      const res = await call(pullRoute, `/api/sync/pull?clientId=${this.id}&since=${this.cursor}`, { cookie: this.user.cookie });
      if (res.status === 410) {
        await this.bootstrap();
        continue;
      }
      expect(res.status).toBe(200);
      const page = await res.json();
      this.doc.applyAll(page.ops);
      this.cursor = page.serverSeq;
      if (!page.hasMore) return;
    }
  }

  state(): unknown {
    return this.doc.lists();
  }
}

async function nativeDevice(user: TestUser): Promise<string> {
  const res = await call(registerDevice, '/api/devices', { method: 'POST', cookie: user.cookie, headers: ORIGIN, body: { label: 'iPhone', platform: 'ios' } });
  return (await res.json()).id;
}

const download = (user: TestUser, deviceId: string, since: number) =>
  call(downloadRoute, `/api/v1/sync/download?deviceId=${deviceId}&since=${since}`, { cookie: user.cookie });

const uploadHabit = (user: TestUser, deviceId: string, name: string) =>
  call(uploadRoute, '/api/v1/sync/upload', {
    method: 'POST',
    cookie: user.cookie,
    headers: ORIGIN,
    body: { deviceId, changes: [{ entityType: 'habits', id: randomUUID(), data: { name, cadence: 'daily' }, updatedAt: Date.now(), deleted: false }] },
  });

describe('a backup restored under running clients', () => {
  it('retires every client and device: each resyncs and all converge on the restored state, then go on', async () => {
    const user = await createTestUser();
    const [a, b] = [new TaskClient(user), new TaskClient(user)];
    a.edit((doc) => {
      const list = doc.createList('Home');
      return [list, doc.addTask(list.payload.listId, { title: 'Pay rent' })];
    });
    await a.sync();
    await b.sync();
    const phone = await nativeDevice(user);
    expect((await uploadHabit(user, phone, 'Stretch')).status).toBe(200);
    expect((await download(user, phone, 0)).status).toBe(200);
    const backup = join(mkdtempSync(join(tmpdir(), 'passion-restore-')), 'backup.db');
    await backupDatabase(backup);

    // After the backup: more tasks and a habit, seen by every device.
    const listId = a.doc.lists()[0].id;
    a.edit((doc) => doc.addTask(listId, { title: 'Lost in the restore' }));
    await a.sync();
    await b.sync();
    expect((await uploadHabit(user, phone, 'Lost habit')).status).toBe(200);
    const { serverCursor } = await (await download(user, phone, 0)).json();

    const restored = await restoreBackup(backup);
    expect(restored.retiredClients).toBeGreaterThanOrEqual(2);

    // Every task client bootstraps once and holds what the server holds.
    await b.sync();
    await a.sync();
    expect([a.bootstraps, b.bootstraps]).toEqual([1, 1]);
    const titles = (c: TaskClient) => c.doc.lists().flatMap((l) => l.tasks.map((t) => t.title));
    expect(titles(a)).toEqual(['Pay rent']);
    expect(b.state()).toEqual(a.state());
    // And they go on: a new edit reaches the other.
    a.edit((doc) => doc.addTask(listId, { title: 'After the restore' }));
    await a.sync();
    await b.sync();
    expect(titles(b)).toEqual(['Pay rent', 'After the restore']);

    // The native device's cursor is refused until it downloads from 0 again.
    expect((await download(user, phone, serverCursor)).status).toBe(410);
    const fresh = await (await download(user, phone, 0)).json();
    expect(fresh.changes.filter((c: { entityType: string; deleted: boolean }) => c.entityType === 'habits' && !c.deleted)).toHaveLength(1);
    expect((await download(user, phone, fresh.serverCursor)).status).toBe(200);
  });

  it('refuses a pull whose cursor is ahead of the log even when the file was put back by hand (410)', async () => {
    const user = await createTestUser();
    const c = new TaskClient(user);
    c.edit((doc) => doc.createList('One'));
    await c.sync();
    const backup = join(mkdtempSync(join(tmpdir(), 'passion-restore-')), 'backup.db');
    await backupDatabase(backup);
    c.edit((doc) => [doc.createList('Two'), doc.createList('Three')]);
    await c.sync();
    await restoreDatabase(backup);
    const res = await call(pullRoute, `/api/sync/pull?clientId=${c.id}&since=${c.cursor}`, { cookie: user.cookie });
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe('cursor_expired');
  });
});
