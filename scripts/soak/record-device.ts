// A native client on record sync: the reference client (scripts/sync-client) with its own local
// database, editing habits, books, mood entries and planner events, syncing on edits and events.
import { join } from 'node:path';
import { sameVersion } from '@/lib/shared/records-lww';
import { SYNC_ENTITY_TYPES, type SyncDownloadChange, type SyncEntityType } from '@/lib/shared/schemas/records-sync';
import { SyncApi } from '../sync-client/api';
import { addRecord, deleteRecord, editRecord } from '../sync-client/edits';
import { LocalStore } from '../sync-client/store';
import { syncOnce } from '../sync-client/sync';
import { Device, type DeviceContext, type Staleness } from './device';
import type { SoakUser } from './users';

const EDITED: SyncEntityType[] = ['habits', 'books', 'mood_entries', 'planner_events'];

export class RecordDevice extends Device {
  private readonly api: SyncApi;
  private store: LocalStore | undefined;
  private deviceId = '';

  constructor(id: string, user: SoakUser, ctx: DeviceContext, deviceId: string) {
    super(id, 'records', user, ctx, deviceId, { authorization: `Bearer ${user.apiKey}` });
    this.deviceId = deviceId;
    this.api = new SyncApi(ctx.base, user.apiKey, ctx.traffic.fetch);
  }

  /** Registers a device for `user` first: its id names the device in sync requests and on the SSE stream. */
  static async register(id: string, user: SoakUser, ctx: DeviceContext): Promise<RecordDevice> {
    const device = await new SyncApi(ctx.base, user.apiKey, ctx.traffic.fetch).registerDevice(`soak ${id}`, 'cli');
    return new RecordDevice(id, user, ctx, device.id);
  }

  private get local(): LocalStore {
    if (!this.store) throw new Error('setup() first');
    return this.store;
  }

  async setup(): Promise<void> {
    this.store = await LocalStore.open(join(this.ctx.dir, `${this.id}.db`));
    await this.store.configure({ server: this.ctx.base, apiKey: this.user.apiKey, deviceId: this.deviceId, userId: this.user.id });
    await syncOnce(this.store, this.api);
  }

  private fields(type: SyncEntityType): Record<string, unknown> {
    const tag = `${this.id} #${this.actions}`;
    if (type === 'habits') return { name: `native habit ${tag}`, cadence: 'daily' };
    if (type === 'books') return { title: `book ${tag}`, totalPages: 100 + Math.floor(Math.random() * 400) };
    if (type === 'mood_entries') return { score: 1 + Math.floor(Math.random() * 10) };
    const { from, to } = this.ctx.window;
    const startsAt = from + Math.floor(Math.random() * (to - from - 7_200_000));
    return { title: `native event ${tag}`, startsAt, endsAt: startsAt + 1_800_000 };
  }

  private change(type: SyncEntityType): Record<string, unknown> {
    const tag = `${this.id} #${this.actions}`;
    if (type === 'habits') return { name: `native rename ${tag}` };
    if (type === 'books') return { title: `retitled ${tag}` };
    if (type === 'mood_entries') return { score: 1 + Math.floor(Math.random() * 10) };
    return { title: `native move ${tag}` };
  }

  private async edit(): Promise<void> {
    const type = this.pick(EDITED);
    const live = await this.local.list(type);
    const now = Date.now();
    if (live.length < 3 || Math.random() < 0.3) await addRecord(this.local, type, this.fields(type), now);
    else if (Math.random() < 0.85) await editRecord(this.local, type, this.pick(live).id, this.change(type), now);
    else await deleteRecord(this.local, type, this.pick(live).id, now);
  }

  protected async act(): Promise<void> {
    if (Math.random() < 0.5) await this.edit();
    await syncOnce(this.local, this.api);
  }

  protected async refresh(stale: Staleness): Promise<void> {
    if ([...stale].some((scope) => scope !== 'tasks' && scope !== 'devices')) await syncOnce(this.local, this.api);
  }

  async flush(): Promise<void> {
    await syncOnce(this.local, this.api);
  }

  async catchUp(): Promise<void> {
    await syncOnce(this.local, this.api);
  }

  async verify(): Promise<string | null> {
    const { pending } = await this.local.counts();
    if (pending > 0) return `records: ${pending} local changes never uploaded`;
    const server = new Map<string, SyncDownloadChange>();
    for (let since = 0, more = true; more;) {
      const page = await this.api.download(this.deviceId, since, 1000);
      for (const change of page.changes) server.set(`${change.entityType}/${change.id}`, change);
      since = page.serverCursor;
      more = page.hasMore;
    }
    let matched = 0;
    for (const type of SYNC_ENTITY_TYPES) {
      for (const record of await this.local.list(type, true)) {
        const held = server.get(`${type}/${record.id}`);
        // Created and deleted before it ever reached the server: the server keeps no tombstone for it.
        if (!held && record.deleted) continue;
        if (!held) return `records: ${type}/${record.id} is here but not on the server`;
        if (!sameVersion(record, held))
          return `records: ${type}/${record.id} is ${JSON.stringify(record).slice(0, 200)} here but ${JSON.stringify(held).slice(0, 200)} on the server`;
        matched += 1;
      }
    }
    if (matched !== server.size) return `records: ${server.size - matched} of the server's records are missing here`;
    return null;
  }

  leave(): void {
    super.leave();
    this.store?.close();
    this.store = undefined;
  }
}
