import { PlannerBoard } from '@/components/planner/PlannerBoard';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Planner' };

export default function PlannerPage() {
  return (
    <>
      <PageHeader title="Planner" description="Your week at a glance, fresh within 30 seconds on all your devices." />
      <PlannerBoard />
    </>
  );
}
