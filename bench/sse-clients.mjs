// bench/sse's idle clients, in a child process of their own (bench/sse.mjs forks several): one
// process cannot hold 50,000 sockets under a 20,000 file-descriptor limit, and one source address
// has only ~28,000 ephemeral ports, so each of these holds at most a few thousand streams from its
// own loopback address (127.0.0.2, .3, …). Talks to its parent over IPC; exits with it.
import http from 'node:http';

const LOCAL_ADDRESS = process.argv[2];
/** Streams opened at once: the servers' accept queues and authentication are not what is measured. */
const PARALLEL = 200;
const streams = [];
const dropped = new Map();

function open(port, path, cookie) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, localAddress: LOCAL_ADDRESS, headers: cookie ? { cookie } : {}, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        return reject(new Error(`stream status ${res.statusCode} on port ${port}`));
      }
      let first = true;
      res.on('data', () => {
        if (!first) return;
        first = false;
        streams.push(req);
        resolve();
      });
      // A stream the server ended while the bench still counts it as idle: reported, never silent.
      res.on('end', () => dropped.set(port, (dropped.get(port) ?? 0) + 1));
    });
    req.on('error', (err) => (streams.includes(req) ? dropped.set(port, (dropped.get(port) ?? 0) + 1) : reject(err)));
  });
}

process.on('message', async (msg) => {
  if (msg.op === 'open') {
    try {
      for (let i = 0; i < msg.items.length; i += PARALLEL) await Promise.all(msg.items.slice(i, i + PARALLEL).map((it) => open(msg.port, it.path, it.cookie)));
      process.send({ id: msg.id, ok: true });
    } catch (err) {
      process.send({ id: msg.id, ok: false, error: err.message });
    }
  } else if (msg.op === 'stats') {
    process.send({ id: msg.id, ok: true, open: streams.length, dropped: Object.fromEntries(dropped) });
  } else if (msg.op === 'close') {
    streams.forEach((req) => req.destroy());
    process.exit(0);
  }
});
// The bench ended, or died: nothing of this run outlives it.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
