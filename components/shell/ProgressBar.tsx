/** A bar `value` of `max` full (green once `done`); its size and spacing come from `className`. */
export function ProgressBar({
  label,
  value,
  max,
  className,
  done = false,
  track = 'bg-stone-100',
}: {
  label: string;
  value: number;
  max: number;
  className: string;
  done?: boolean;
  track?: string;
}) {
  const percent = max > 0 ? Math.min(100, (value * 100) / max) : 0;
  return (
    <span
      className={`block overflow-hidden rounded-full ${track} ${className}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <span className={`block h-full transition-[width] ${done ? 'bg-green-500' : 'bg-brand-500'}`} style={{ width: `${percent}%` }} />
    </span>
  );
}
