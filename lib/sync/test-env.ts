import { systemClock } from './clock';
import { ActivityTracker, type LifecycleEvent, type LifecycleSource } from './lifecycle';
import type { LastFetchStore } from './refresher';

/** A page lifecycle the test drives by hand: `emit('hidden')`, `emit({type:'pageshow', persisted:true})`. */
export class FakeLifecycle implements LifecycleSource {
  hidden = false;
  private readonly handlers = new Set<(e: LifecycleEvent) => void>();

  isHidden(): boolean {
    return this.hidden;
  }

  listen(handler: (e: LifecycleEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(event: LifecycleEvent | Exclude<LifecycleEvent['type'], 'pageshow'>): void {
    const e = typeof event === 'string' ? ({ type: event } as LifecycleEvent) : event;
    if (e.type === 'hidden') this.hidden = true;
    if (e.type === 'visible') this.hidden = false;
    this.handlers.forEach((fn) => fn(e));
  }
}

export function memoryLastFetch(initial: number | null = null): LastFetchStore & { value: number | null } {
  const store = {
    value: initial,
    get: () => store.value,
    set: (at: number) => {
      store.value = at;
    },
  };
  return store;
}

export function fakeActivity(): ActivityTracker {
  return new ActivityTracker(systemClock, null);
}
