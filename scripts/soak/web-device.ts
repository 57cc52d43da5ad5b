// A browser on the REST pages: conditional polls of the focus timer, habits and planner (keeping
// the last body per ETag, as the sync runtime does), random edits, refetches on SSE events.
import type { Scope } from '@/lib/shared/events';
import { Device, expectStatus, type DeviceContext, type Staleness } from './device';
import type { SoakUser } from './users';

type Resource = 'focus' | 'habits' | 'planner';

const SCOPES: Record<Resource, Scope[]> = { focus: ['focus'], habits: ['habits', 'profile'], planner: ['planner'] };
const RESOURCES = Object.keys(SCOPES) as Resource[];

interface Held {
  etag: string | null;
  body: unknown;
}

/** The body as compared: the focus answer carries the server clock, which moves on every read. */
function comparable(resource: Resource, body: unknown): string {
  if (resource === 'focus') {
    const { serverTime: _serverTime, ...rest } = body as { serverTime: number };
    return JSON.stringify(rest);
  }
  return JSON.stringify(body);
}

export class WebDevice extends Device {
  private readonly held = new Map<Resource, Held>();

  constructor(id: string, user: SoakUser, ctx: DeviceContext) {
    super(id, 'web', user, ctx, id, { cookie: user.cookie });
  }

  private path(resource: Resource): string {
    if (resource === 'focus') return '/api/focus/active';
    if (resource === 'habits') return '/api/habits';
    return `/api/planner/events?from=${this.ctx.window.from}&to=${this.ctx.window.to}`;
  }

  private request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.ctx.traffic.fetch(`${this.ctx.base}${path}`, {
      method,
      headers: {
        cookie: this.user.cookie,
        origin: this.ctx.base,
        'x-device-id': this.id,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** A conditional GET: 304 keeps what we hold. */
  private async poll(resource: Resource): Promise<void> {
    const held = this.held.get(resource);
    const res = await this.request('GET', this.path(resource), undefined, held?.etag ? { 'if-none-match': held.etag } : {});
    await expectStatus(res, `GET ${resource}`, 200, 304);
    if (res.status === 304) return;
    this.held.set(resource, { etag: res.headers.get('etag'), body: await res.json() });
  }

  private body<T>(resource: Resource): T | undefined {
    return this.held.get(resource)?.body as T | undefined;
  }

  async setup(): Promise<void> {
    for (const resource of RESOURCES) await this.poll(resource);
  }

  protected async act(): Promise<void> {
    const roll = Math.random();
    if (roll < 0.35) return this.poll(this.pick(RESOURCES));
    if (roll < 0.5) return this.focusEdit();
    if (roll < 0.75) return this.habitEdit();
    return this.plannerEdit();
  }

  private async focusEdit(): Promise<void> {
    const active = this.body<{ session: unknown }>('focus')?.session;
    const res = active
      ? await this.request('POST', '/api/focus/stop', { completed: Math.random() < 0.5 })
      : await this.request('POST', '/api/focus/start', { mode: 'focus', plannedMinutes: 25, taskTitle: `soak ${this.id}` });
    // 409: another device started one first; 404: another device stopped it first.
    await expectStatus(res, 'focus', 200, 404, 409);
    await this.poll('focus');
  }

  private async habitEdit(): Promise<void> {
    const habits = this.body<{ habits: { id: string; archivedAt: number | null }[] }>('habits')?.habits.filter((h) => h.archivedAt === null) ?? [];
    let res: Response;
    if (habits.length < 4) res = await this.request('POST', '/api/habits', { name: `web habit ${this.id} ${this.actions}`, cadence: 'daily' });
    else if (Math.random() < 0.6) res = await this.request('PATCH', `/api/habits/${this.pick(habits).id}`, { name: `renamed by ${this.id} ${this.actions}` });
    else res = await this.request('POST', `/api/habits/${this.pick(habits).id}/log`, {});
    // 404: a native device deleted it meanwhile; 409: already logged today.
    await expectStatus(res, 'habit', 200, 201, 404, 409);
    await this.poll('habits');
  }

  private async plannerEdit(): Promise<void> {
    const list = this.body<{ id: string }[]>('planner') ?? [];
    const { from, to } = this.ctx.window;
    let res: Response;
    if (list.length < 5 || Math.random() < 0.3) {
      const startsAt = from + Math.floor(Math.random() * (to - from - 7_200_000));
      res = await this.request('POST', '/api/planner/events', { title: `web event ${this.id}`, startsAt, endsAt: startsAt + 3_600_000 });
    } else if (Math.random() < 0.8) {
      res = await this.request('PATCH', `/api/planner/events/${this.pick(list).id}`, { title: `moved by ${this.id} ${this.actions}` });
    } else {
      res = await this.request('DELETE', `/api/planner/events/${this.pick(list).id}`);
    }
    await expectStatus(res, 'planner', 200, 201, 404);
    await this.poll('planner');
  }

  protected async refresh(stale: Staleness): Promise<void> {
    for (const resource of RESOURCES) {
      if (stale.has('all') || SCOPES[resource].some((scope) => stale.has(scope))) await this.poll(resource);
    }
  }

  async flush(): Promise<void> {
    // Every edit was a request of its own: nothing waits on this device.
  }

  async catchUp(): Promise<void> {
    for (const resource of RESOURCES) await this.poll(resource);
  }

  async verify(): Promise<string | null> {
    for (const resource of RESOURCES) {
      const res = await expectStatus(await this.request('GET', this.path(resource)), `GET ${resource}`, 200);
      const fresh = comparable(resource, await res.json());
      const held = this.held.get(resource);
      const mine = held ? comparable(resource, held.body) : '(nothing)';
      if (mine !== fresh) return `${resource}: holds ${mine.slice(0, 200)} but the server has ${fresh.slice(0, 200)}`;
    }
    return null;
  }
}
