import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Mood & check-ins' };

export default function MoodPage() {
  return <ComingSoon title={'Mood & check-ins'} description={'Mood entries, activities and regular check-ins.'} />;
}
