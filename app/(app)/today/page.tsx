import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Today' };

export default function TodayPage() {
  return <ComingSoon title={'Today'} description={'Your daily plan, built from tasks due today, habits still to log and the events on your calendar.'} />;
}
