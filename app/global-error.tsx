'use client';

import './globals.css';

/**
 * The last resort, for an error in the root layout itself: it replaces the whole document, so it
 * brings its own `<html>` (in the system's colour scheme: the profile's theme came from that layout).
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en" className="system">
      <body>
        <main className="flex min-h-full items-center justify-center px-4 py-12">
          <div role="alert" className="card w-full max-w-sm space-y-3 text-center">
            <h1 className="text-xl font-semibold">Passion OS could not start</h1>
            <p className="text-sm text-stone-600">Something went wrong on our side. Reloading usually helps; your changes are kept on this device.</p>
            {/* A full reload, not a re-render: what failed was the layout every page shares. */}
            <a href="" className="btn-primary w-full">
              Reload
            </a>
            {error.digest ? <p className="text-xs text-stone-500">Reference {error.digest}</p> : null}
          </div>
        </main>
      </body>
    </html>
  );
}
