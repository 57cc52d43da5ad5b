import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Quests' };

export default function QuestsPage() {
  return <ComingSoon title={'Quests'} description={'Longer goals with progress, deadlines and XP rewards.'} />;
}
