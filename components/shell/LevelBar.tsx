import type { XpProgress } from '@/lib/shared/xp';
import { ProgressBar } from './ProgressBar';

/** How far the user is into their level (quests and progress show the same bar). */
export function LevelBar({ xp, className }: { xp: XpProgress; className: string }) {
  return <ProgressBar label="Progress to the next level" value={xp.intoLevel} max={xp.forNextLevel} className={className} />;
}
