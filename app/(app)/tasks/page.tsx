import { PageHeader } from '@/components/shell/PageHeader';
import { TasksBoard } from '@/components/tasks/TasksBoard';
import { TasksProvider } from '@/lib/sync/tasks/TasksProvider';

export const metadata = { title: 'Tasks' };

export default function TasksPage() {
  return (
    <>
      <PageHeader title="Tasks" description="Lists that work offline and merge edits from every device without losing any." />
      <TasksProvider>
        <TasksBoard />
      </TasksProvider>
    </>
  );
}
