import { FocusPanel } from '@/components/focus/FocusPanel';
import { RecentSessions } from '@/components/focus/RecentSessions';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Focus' };

export default function FocusPage() {
  return (
    <>
      <PageHeader title="Focus" description="One timer for all your devices: start here, pause on your phone, finish anywhere." />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <FocusPanel />
        <RecentSessions />
      </div>
    </>
  );
}
