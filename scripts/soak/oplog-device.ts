// A task client on the op log (docs/protocol-spec.md "Client algorithm"): the shared CRDT, an
// outbox, a cursor; syncs through /api/tasks/sync or push + conditional pull, re-bootstraps on 410.
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { Device, UnexpectedStatus, expectStatus, type DeviceContext, type Staleness } from './device';
import type { Traffic } from './traffic';
import type { SoakUser } from './users';

interface Bootstrap {
  snapshots: { scope: 'registry' | 'list'; resourceId: string; state: string }[];
  ops: OpEnvelope[];
  serverSeq: number;
}

interface Pulled {
  ops: OpEnvelope[];
  serverSeq: number;
  hasMore: boolean;
}

const MAX_OPS_PER_PUSH = 1000;

/** A user's task state as a new client would materialise it from /api/sync/bootstrap. */
export function materialise(boot: Bootstrap, actor?: string): TaskDocument {
  const doc = new TaskDocument(actor ? { actor } : {});
  for (const s of boot.snapshots) doc.loadResource(s.scope, s.resourceId, s.state);
  doc.applyAll(boot.ops);
  return doc;
}

export async function fetchBootstrap(base: string, fetchImpl: Traffic['fetch'], apiKey: string, clientId: string): Promise<Bootstrap> {
  const res = await fetchImpl(`${base}/api/sync/bootstrap?clientId=${clientId}`, { headers: { authorization: `Bearer ${apiKey}`, 'x-device-id': clientId } });
  return (await (await expectStatus(res, 'bootstrap', 200)).json()) as Bootstrap;
}

export class OplogDevice extends Device {
  private doc: TaskDocument;
  private outbox: OpEnvelope[] = [];
  private cursor = 0;
  private pullEtag: { since: number; etag: string } | undefined;
  bootstraps = 0;

  constructor(
    id: string,
    user: SoakUser,
    ctx: DeviceContext,
    /** The server's state for this user, read once all clients are done. */
    private readonly reference: () => Promise<string>,
  ) {
    super(id, 'oplog', user, ctx, id, { authorization: `Bearer ${user.apiKey}` });
    this.doc = new TaskDocument({ actor: id });
  }

  private request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.ctx.traffic.fetch(`${this.ctx.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.user.apiKey}`,
        'x-device-id': this.id,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** A new or retired client starts here; local ops not yet acknowledged go on top (step 5 of the protocol). */
  private async bootstrap(): Promise<void> {
    const boot = await fetchBootstrap(this.ctx.base, this.ctx.traffic.fetch, this.user.apiKey, this.id);
    const doc = materialise(boot, this.id);
    doc.applyAll(this.outbox);
    this.doc = doc;
    this.cursor = boot.serverSeq;
    this.pullEtag = undefined;
    this.bootstraps += 1;
  }

  async setup(): Promise<void> {
    await this.bootstrap();
  }

  private edit(): void {
    const lists = this.doc.lists().filter((l) => !l.archived);
    if (lists.length === 0) {
      this.outbox.push(this.doc.createList(`Soak list ${this.id}`));
      return;
    }
    const list = this.pick(lists);
    const roll = Math.random();
    if (list.tasks.length < 4 || roll < 0.3) {
      this.outbox.push(
        this.doc.addTask(list.id, { title: `task by ${this.id} #${this.actions}`, dueDay: Math.random() < 0.3 ? new Date().toISOString().slice(0, 10) : null }),
      );
      return;
    }
    const task = this.pick(list.tasks);
    if (roll < 0.55) this.outbox.push(this.doc.editTask(list.id, task.id, { title: `edited by ${this.id} #${this.actions}` }));
    else if (roll < 0.75) this.outbox.push(this.doc.setCompleted(list.id, task.id, !task.completed));
    else if (roll < 0.9) this.outbox.push(this.doc.setDue(list.id, task.id, task.dueDay ? null : '2026-12-31'));
    else this.outbox.push(this.doc.deleteTask(list.id, task.id));
  }

  private take(pulled: Pulled): void {
    this.doc.applyAll(pulled.ops);
    this.cursor = pulled.serverSeq;
  }

  /** Push and pull in one round trip until the outbox is empty and nothing more is waiting. */
  private async syncRoundTrips(): Promise<void> {
    for (let more = true; more;) {
      const sent = this.outbox.slice(0, MAX_OPS_PER_PUSH);
      const res = await this.request('POST', '/api/tasks/sync', { clientId: this.id, since: this.cursor, ops: sent });
      if (res.status === 410) return this.bootstrap();
      const pulled = (await (await expectStatus(res, 'tasks sync', 200)).json()) as Pulled;
      this.outbox.splice(0, sent.length);
      this.take(pulled);
      more = pulled.hasMore || this.outbox.length > 0;
    }
  }

  /** The split endpoints: push the outbox, then pull with If-None-Match while the cursor stands still. */
  private async pushThenPull(): Promise<void> {
    while (this.outbox.length > 0) {
      const sent = this.outbox.slice(0, MAX_OPS_PER_PUSH);
      const res = await this.request('POST', '/api/sync/push', { clientId: this.id, ops: sent });
      if (res.status === 410) return this.bootstrap();
      await expectStatus(res, 'push', 200);
      this.outbox.splice(0, sent.length);
    }
    for (let more = true; more;) {
      const since = this.cursor;
      const etag = this.pullEtag?.since === since ? this.pullEtag.etag : undefined;
      const res = await this.request('GET', `/api/sync/pull?clientId=${this.id}&since=${since}`, undefined, etag ? { 'if-none-match': etag } : {});
      if (res.status === 410) return this.bootstrap();
      if (res.status === 304) return;
      const pulled = (await (await expectStatus(res, 'pull', 200)).json()) as Pulled;
      const newEtag = res.headers.get('etag');
      this.pullEtag = newEtag ? { since, etag: newEtag } : undefined;
      this.take(pulled);
      more = pulled.hasMore;
    }
  }

  private sync(): Promise<void> {
    return Math.random() < 0.7 ? this.syncRoundTrips() : this.pushThenPull();
  }

  protected async act(): Promise<void> {
    if (Math.random() < 0.7) this.edit();
    await this.sync();
  }

  protected async refresh(stale: Staleness): Promise<void> {
    if (stale.has('all') || stale.has('tasks')) await this.sync();
  }

  async flush(): Promise<void> {
    await this.syncRoundTrips();
    if (this.outbox.length > 0) throw new UnexpectedStatus(0, 'flush', `${this.outbox.length} ops still in the outbox`);
  }

  async catchUp(): Promise<void> {
    await this.syncRoundTrips();
  }

  async verify(): Promise<string | null> {
    const mine = JSON.stringify(this.doc.lists());
    const server = await this.reference();
    if (mine === server) return null;
    return `tasks: holds ${mine.length} bytes of lists (${this.doc.lists().reduce((n, l) => n + l.tasks.length, 0)} tasks) that differ from the server's ${server.length} bytes`;
  }
}
