import { PageHeader } from '@/components/shell/PageHeader';
import { ProfileForm } from '@/components/settings/ProfileForm';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your profile and time zone." />
      <div className="max-w-xl">
        <ProfileForm />
      </div>
    </>
  );
}
