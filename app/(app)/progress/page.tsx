import { ProgressPanel } from '@/components/progress/ProgressPanel';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Progress' };

export default function ProgressPage() {
  return (
    <>
      <PageHeader title="Progress" description="Focus minutes, habit completion, quests, XP and reading over the last 30 days." />
      <ProgressPanel />
    </>
  );
}
