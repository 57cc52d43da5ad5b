import { PageHeader } from '@/components/shell/PageHeader';
import { ApiKeysSection } from '@/components/settings/ApiKeysSection';
import { BrowserSyncStatus } from '@/components/settings/BrowserSyncStatus';
import { DevicesSection } from '@/components/settings/DevicesSection';
import { DeviceTokens } from '@/components/settings/DeviceTokens';
import { ExportSection } from '@/components/settings/ExportSection';
import { ProfileForm } from '@/components/settings/ProfileForm';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your profile, the apps and devices that sync with your account, and this browser." />
      <div className="max-w-2xl space-y-6">
        <ProfileForm />
        <ApiKeysSection />
        <DevicesSection />
        <DeviceTokens />
        <BrowserSyncStatus />
        <ExportSection />
      </div>
    </>
  );
}
