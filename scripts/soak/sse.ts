// One device's /api/events stream, as a native or browser client holds it: the `eventsource`
// client reconnects by itself after a lost connection (sending Last-Event-ID); when it gives up
// (a non-200 answer) or the soak drops the link on purpose, this opens a new one with the last id.
import { EventSource } from 'eventsource';
import type { SseEvent } from '@/lib/shared/realtime';
import type { Traffic } from './traffic';

const REOPEN_AFTER_FAILURE_MS = 1_000;

export class SseLink {
  private source: EventSource | undefined;
  private lastEventId: string | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = true;
  /** When each stream opened (answered 200 and started). */
  readonly opensAt: number[] = [];
  events = 0;
  resyncs = 0;
  drops = 0;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly traffic: Traffic,
    private readonly onEvent: (event: SseEvent) => void,
  ) {}

  /** When the first stream opened after `t`, if one has. */
  firstOpenAfter(t: number): number | undefined {
    return this.opensAt.find((at) => at > t);
  }

  get isOpen(): boolean {
    return this.source?.readyState === EventSource.OPEN;
  }

  open(): void {
    this.closed = false;
    this.connect();
  }

  /** A dropped connection: the stream goes away now and comes back after `pauseMs`, resuming from the last id. */
  drop(pauseMs: number): void {
    if (this.closed) return;
    this.drops += 1;
    this.source?.close();
    this.source = undefined;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => this.connect(), pauseMs);
  }

  /** The device leaves for good. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reopenTimer);
    this.source?.close();
    this.source = undefined;
  }

  private connect(): void {
    if (this.closed) return;
    const source = new EventSource(this.url, {
      fetch: (input, init) => {
        const headers: Record<string, string> = { ...init.headers, ...this.headers };
        if (this.lastEventId && !headers['Last-Event-ID']) headers['Last-Event-ID'] = this.lastEventId;
        return this.traffic.fetchStream(String(input), { ...init, headers } as RequestInit);
      },
    });
    source.onopen = () => this.opensAt.push(Date.now());
    source.onmessage = (message) => {
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      this.events += 1;
      const event = JSON.parse(message.data as string) as SseEvent;
      if (event.channel === 'resync') this.resyncs += 1;
      this.onEvent(event);
    };
    source.onerror = () => {
      // CLOSED: the client gave up on this stream (non-200 answer); a network error keeps it CONNECTING.
      if (source.readyState !== EventSource.CLOSED || this.source !== source || this.closed) return;
      this.source = undefined;
      this.reopenTimer = setTimeout(() => this.connect(), REOPEN_AFTER_FAILURE_MS);
    };
    this.source = source;
  }
}
