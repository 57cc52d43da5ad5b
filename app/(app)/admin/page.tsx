import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Admin' };

export default function AdminPage() {
  return <ComingSoon title="Admin" description="Users, terms versions, the sync contract table and live sync metrics." />;
}
