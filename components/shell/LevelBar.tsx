import type { XpProgress } from '@/lib/shared/xp';

/** How far the user is into their level (quests and progress show the same bar). */
export function LevelBar({ xp, className }: { xp: XpProgress; className: string }) {
  const percent = Math.round((xp.intoLevel / xp.forNextLevel) * 100);
  return (
    <span
      className={`block overflow-hidden rounded-full bg-stone-100 ${className}`}
      role="progressbar"
      aria-label="Progress to the next level"
      aria-valuemin={0}
      aria-valuemax={xp.forNextLevel}
      aria-valuenow={xp.intoLevel}
    >
      <span className="block h-full bg-brand-500 transition-[width]" style={{ width: `${percent}%` }} />
    </span>
  );
}
