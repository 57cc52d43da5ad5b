import { QuestsPanel } from '@/components/quests/QuestsPanel';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Quests' };

export default function QuestsPage() {
  return (
    <>
      <PageHeader title="Quests" description="Longer goals with progress, deadlines and XP rewards." />
      <QuestsPanel />
    </>
  );
}
