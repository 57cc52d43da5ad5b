import { HabitsPanel } from '@/components/habits/HabitsPanel';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Habits' };

export default function HabitsPage() {
  return (
    <>
      <PageHeader title="Habits" description="Small things, done often: log today, keep the streak, watch twelve weeks fill in." />
      <HabitsPanel />
    </>
  );
}
