import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Progress' };

export default function ProgressPage() {
  return <ComingSoon title={'Progress'} description={'Focus minutes, habit completion, quests, XP and reading over time.'} />;
}
