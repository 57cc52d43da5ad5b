/** Grey cards of the given heights where a page's data will be, while it loads. */
export function CardsSkeleton({ label, heights, className = 'space-y-4' }: { label: string; heights: string[]; className?: string }) {
  return (
    <div className={className} aria-busy="true" aria-label={label}>
      {heights.map((h, i) => (
        <div key={i} className={`card ${h} animate-pulse`} />
      ))}
    </div>
  );
}
