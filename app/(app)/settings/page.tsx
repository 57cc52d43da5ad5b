import { PageHeader } from '@/components/shell/PageHeader';
import { ApiKeysSection } from '@/components/settings/ApiKeysSection';
import { BrowserSyncStatus } from '@/components/settings/BrowserSyncStatus';
import { DevicesSection } from '@/components/settings/DevicesSection';
import { DeviceTokens } from '@/components/settings/DeviceTokens';
import { ProfileForm } from '@/components/settings/ProfileForm';
import { ThemeChoice } from '@/components/theme/ThemeChoice';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your profile and theme, the apps and devices that sync with your account, and this browser." />
      <div className="max-w-2xl space-y-6">
        <ProfileForm />
        <ThemeChoice />
        <ApiKeysSection />
        <DevicesSection />
        <DeviceTokens />
        <BrowserSyncStatus />
      </div>
    </>
  );
}
