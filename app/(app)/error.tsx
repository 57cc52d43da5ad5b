'use client';

/**
 * A page that failed while drawing. Only the page is replaced: the shell, its navigation and the
 * outbox stay, so what the user changed is still sent and every other page is a click away.
 * React has already logged the error; the digest names a server-side one in the server's log.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" aria-labelledby="page-error-title" className="card mx-auto mt-8 max-w-lg space-y-3">
      <h1 id="page-error-title" className="text-lg font-semibold">
        This page could not be shown
      </h1>
      <p className="text-sm text-stone-600">Something went wrong on our side. Your changes are kept, and the rest of the app works.</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={reset}>
          Try again
        </button>
        <a href="/today" className="btn-secondary">
          Go to Today
        </a>
      </div>
      {error.digest ? <p className="text-xs text-stone-500">Reference {error.digest}</p> : null}
    </section>
  );
}
