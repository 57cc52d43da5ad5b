import 'server-only';
import { Zip, ZipDeflate } from 'fflate';
import { logger } from '@/lib/server/platform/log';

/** A file of the archive: its path and its text, produced a piece at a time. */
export interface ZipEntry {
  name: string;
  content: () => AsyncIterable<string>;
}

/**
 * The archive's bytes as the entries produce their text: fflate deflates each piece as it is pushed
 * and hands back finished bytes at once, and files are added one after another, so what is held is
 * one piece of text and the compressor's window, never a whole file.
 */
async function* zipChunks(entries: readonly ZipEntry[], mtime: Date): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else ready.push(chunk);
  });
  const encoder = new TextEncoder();
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift()!;
  }
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    for await (const text of entry.content()) {
      file.push(encoder.encode(text));
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

/**
 * A ZIP of `entries` as a web stream that produces bytes only when its reader asks for them: a slow
 * download reads the database as slowly, and a download cancelled (the client went away) stops it.
 */
export function zipStream(entries: readonly ZipEntry[], mtime: Date): ReadableStream<Uint8Array> {
  const chunks = zipChunks(entries, mtime);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          // The status line is out already: the reader sees a broken download, the log says why.
          logger().error({ err }, 'data export failed mid-stream');
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
