import { PageHeader } from '@/components/shell/PageHeader';
import { TodayPanel } from '@/components/today/TodayPanel';

export const metadata = { title: 'Today' };

export default function TodayPage() {
  return (
    <>
      <PageHeader
        title="Today"
        description="Your daily plan, built from tasks due today, habits still to log, the events on your calendar and due check-ins."
      />
      <TodayPanel />
    </>
  );
}
