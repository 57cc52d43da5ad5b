import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Focus' };

export default function FocusPage() {
  return <ComingSoon title={'Focus'} description={'A focus timer and pomodoro cycles that stay in step on every device you use.'} />;
}
