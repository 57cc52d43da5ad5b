/** Data that could not load, and a way to ask for it again. */
export function LoadFailed({ what, onRetry, card = true }: { what: string; onRetry: () => unknown; card?: boolean }) {
  return (
    <div className={card ? 'card text-sm' : 'text-sm'} role="alert">
      <p className="text-red-700">Could not load {what}.</p>
      <button type="button" className="btn-secondary mt-2" onClick={() => void onRetry()}>
        Retry
      </button>
    </div>
  );
}
