import { MoodBoard } from '@/components/mood/MoodBoard';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Mood & check-ins' };

export default function MoodPage() {
  return (
    <>
      <PageHeader title="Mood & check-ins" description="Log how you feel, see what goes with it, and check in regularly." />
      <MoodBoard />
    </>
  );
}
