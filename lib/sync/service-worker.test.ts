import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, resetServiceWorkerForTests, type ServiceWorkerEnv } from './service-worker';

type Listener = (event: { isUpdate?: boolean; isExternal?: boolean }) => void;

/** A stand-in for @serwist/window's Serwist that lets the test fire its lifecycle events. */
function fakeWorker() {
  const listeners = new Map<string, Listener[]>();
  const worker = {
    addEventListener: vi.fn((type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener])),
    messageSkipWaiting: vi.fn(),
    register: vi.fn(async () => undefined),
  };
  const fire = (type: string, event: { isUpdate?: boolean; isExternal?: boolean } = {}) => listeners.get(type)?.forEach((l) => l(event));
  const env = {
    enabled: true,
    create: vi.fn(() => worker as unknown as ReturnType<ServiceWorkerEnv['create']>),
    reload: vi.fn<() => void>(),
    whenOnline: vi.fn<(fn: () => void) => void>(),
  };
  return { worker, fire, env };
}

afterEach(() => resetServiceWorkerForTests());

describe('registerServiceWorker', () => {
  it('offers a waiting version, and Reload makes it take over and reloads this tab on the new code', () => {
    const { worker, fire, env } = fakeWorker();
    const onUpdateReady = vi.fn();
    registerServiceWorker({ onUpdateReady }, env);
    expect(worker.register).toHaveBeenCalledTimes(1);
    expect(onUpdateReady).not.toHaveBeenCalled();

    fire('waiting');
    expect(onUpdateReady).toHaveBeenCalledTimes(1);
    const reload = onUpdateReady.mock.calls[0][0] as () => void;
    expect(env.reload).not.toHaveBeenCalled();
    reload();
    expect(worker.messageSkipWaiting).toHaveBeenCalledTimes(1);
    // The new worker activates; it claims no page (decision 041), so activation is the signal.
    fire('activated', { isUpdate: true });
    fire('controlling', { isUpdate: true });
    expect(env.reload).toHaveBeenCalledTimes(1);
  });

  it('reloads a tab whose worker was replaced from another tab, so none stays on older code', () => {
    for (const event of [{ isUpdate: true }, { isExternal: true }]) {
      const { fire, env } = fakeWorker();
      resetServiceWorkerForTests();
      registerServiceWorker({ onUpdateReady: vi.fn() }, env);
      fire('activated', event);
      expect(env.reload).toHaveBeenCalledTimes(1);
    }
  });

  it('does not reload when the first worker of a fresh page activates or takes control', () => {
    const { fire, env } = fakeWorker();
    registerServiceWorker({ onUpdateReady: vi.fn() }, env);
    fire('activated', {});
    fire('controlling', { isUpdate: false });
    expect(env.reload).not.toHaveBeenCalled();
  });

  it('registers once per page however many times it is called, and not at all when disabled (next dev)', () => {
    const { worker, env } = fakeWorker();
    registerServiceWorker({ onUpdateReady: vi.fn() }, env);
    registerServiceWorker({ onUpdateReady: vi.fn() }, env);
    expect(env.create).toHaveBeenCalledTimes(1);
    expect(worker.register).toHaveBeenCalledTimes(1);
    resetServiceWorkerForTests();
    const off = fakeWorker();
    registerServiceWorker({ onUpdateReady: vi.fn() }, { ...off.env, enabled: false });
    expect(off.env.create).not.toHaveBeenCalled();
  });

  it('registers again when the browser is back online if registering failed offline', async () => {
    const { worker, env } = fakeWorker();
    worker.register.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    registerServiceWorker({ onUpdateReady: vi.fn() }, env);
    await vi.waitFor(() => expect(env.whenOnline).toHaveBeenCalledTimes(1));
    expect(worker.register).toHaveBeenCalledTimes(1);
    env.whenOnline.mock.calls[0][0]();
    expect(worker.register).toHaveBeenCalledTimes(2);
    await Promise.resolve();
    expect(env.whenOnline).toHaveBeenCalledTimes(1);
  });
});
