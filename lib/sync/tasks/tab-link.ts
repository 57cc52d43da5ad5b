import type { TabChannel } from '../tab-channel';
import type { TasksTabMessage } from './tab-protocol';

type Handlers = { [K in TasksTabMessage['kind']]: (message: Extract<TasksTabMessage, { kind: K }>) => void };

/** This tab's end of the `passion-tasks` channel: only the signed-in user's messages, and posting never throws. */
export class TabLink {
  constructor(
    private readonly channel: TabChannel<TasksTabMessage>,
    private readonly userId: string,
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

  listen(handlers: Handlers): () => void {
    return this.channel.subscribe((m) => {
      if (this.closed() || m.userId !== this.userId) return;
      (handlers[m.kind] as (message: TasksTabMessage) => void)(m);
    });
  }
}
