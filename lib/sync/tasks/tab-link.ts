import type { TaskDocument } from '@/lib/shared/crdt';
import type { TabChannel } from '../tab-channel';
import { mergeSnapshot, readTabOps } from './replica';
import type { SharedStatus, SyncReason, TasksTabMessage } from './tab-protocol';

/** What the tabs' messages do to this tab's engine. */
export interface TabLinkHooks {
  doc: TaskDocument;
  leading(): boolean;
  /** Ops from another tab or the leader's pulls are in the document now. */
  docChanged(): void;
  /** Another tab wrote ops to the shared outbox. */
  opsSaved(): void;
  /** The leader's sync status, for a follower to show. */
  leaderStatus(status: SharedStatus): void;
  /** This tab's status, when it leads. */
  status(): SharedStatus;
  /** A follower asks the leader to sync. */
  sync(reason: SyncReason): void;
}

/**
 * This tab's end of the `passion-tasks` channel: only the signed-in user's messages, and posting
 * never throws. Ops travel as ops; a tab that (re)joins gets the leader's whole replica and status.
 */
export class TabLink {
  constructor(
    private readonly channel: TabChannel<TasksTabMessage>,
    private readonly userId: string,
    private readonly tabId: string,
    private readonly closed: () => boolean,
  ) {}

  post(message: TasksTabMessage): void {
    if (this.closed()) return;
    try {
      this.channel.post(message);
    } catch {
      // A closed channel (the page is going away): the outbox and the leader's pulls still cover it.
    }
  }

  /** Asks the leader for the state this tab missed (a new tab, or one back from the cache). */
  hello(): void {
    this.post({ kind: 'hello', userId: this.userId, from: this.tabId });
  }

  listen(h: TabLinkHooks): () => void {
    const { userId } = this;
    const apply = (ops: unknown) => {
      h.doc.take(readTabOps(ops));
      h.docChanged();
    };
    return this.channel.subscribe((m) => {
      if (this.closed() || m.userId !== userId) return;
      switch (m.kind) {
        case 'ops':
          apply(m.ops);
          return h.opsSaved();
        case 'pulled':
          if (!h.leading()) apply(m.ops);
          return;
        case 'hello':
          if (!h.leading()) return;
          this.post({ kind: 'state', userId, to: m.from, snapshot: h.doc.toSnapshot() });
          return this.post({ kind: 'status', userId, status: h.status() });
        case 'state':
          if ((m.to === null || m.to === this.tabId) && mergeSnapshot(h.doc, m.snapshot)) h.docChanged();
          return;
        case 'status':
          if (!h.leading()) h.leaderStatus(m.status);
          return;
        case 'sync':
          if (h.leading()) h.sync(m.reason);
          return;
      }
    });
  }
}
