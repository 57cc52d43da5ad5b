import { AdminPanel } from '@/components/admin/AdminPanel';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Admin' };

export default function AdminPage() {
  return (
    <>
      <PageHeader title="Admin" description="Users, terms versions, the sync contract table and live sync metrics." />
      <AdminPanel />
    </>
  );
}
