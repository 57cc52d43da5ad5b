import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Planner' };

export default function PlannerPage() {
  return <ComingSoon title={'Planner'} description={'A week view and agenda of your events, fresh within 30 seconds on all your devices.'} />;
}
