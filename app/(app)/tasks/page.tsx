import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Tasks' };

export default function TasksPage() {
  return <ComingSoon title={'Tasks'} description={'Task lists that work offline and merge edits from every device without losing any.'} />;
}
