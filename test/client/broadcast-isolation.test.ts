import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

// test/setup-client.ts gives each client file channels of its own: Node's BroadcastChannel reaches
// every thread of the process, and other files run at the same time in other worker threads.
describe('BroadcastChannel in client test files', () => {
  it('does not hear a channel of the same name in another thread, and still reaches its own tabs', async () => {
    const heard: unknown[] = [];
    const here = new BroadcastChannel('pos-session');
    here.onmessage = (event) => heard.push(event.data);
    const otherTab = new BroadcastChannel('pos-session');
    expect(here.name).toBe('pos-session');

    // Another file's "tab", in another thread of this process, on the bare channel name.
    const worker = new Worker(
      "const c = new BroadcastChannel('pos-session'); c.postMessage('from another file'); c.close(); require('node:worker_threads').parentPort.postMessage('sent');",
      { eval: true },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    otherTab.postMessage('from this file');
    await expect.poll(() => heard).toEqual(['from this file']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual(['from this file']);
    await worker.terminate();
    here.close();
    otherTab.close();
  });
});
