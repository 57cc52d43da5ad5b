import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Habits' };

export default function HabitsPage() {
  return <ComingSoon title={'Habits'} description={'Daily and weekly habits with streaks and a history grid.'} />;
}
