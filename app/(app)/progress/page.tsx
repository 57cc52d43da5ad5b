import { ProgressPanel } from '@/components/progress/ProgressPanel';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Progress' };

export default function ProgressPage() {
  return (
    <>
      <PageHeader title="Progress" description="Focus, habits, mood, reading, quests and XP over the last 7, 30 or 90 days." />
      <ProgressPanel />
    </>
  );
}
