import { AdminPanel } from '@/components/admin/AdminPanel';
import { ContractsTable } from '@/components/admin/ContractsTable';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Admin' };

export default function AdminPage() {
  return (
    <>
      <PageHeader title="Admin" description="Users, terms versions, the sync contract table and live sync metrics." />
      <AdminPanel contracts={<ContractsTable />} />
    </>
  );
}
