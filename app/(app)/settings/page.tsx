import { PageHeader } from '@/components/shell/PageHeader';
import { ApiKeysSection } from '@/components/settings/ApiKeysSection';
import { BrowserSyncStatus } from '@/components/settings/BrowserSyncStatus';
import { DevicesSection } from '@/components/settings/DevicesSection';
import { DeleteAccountSection } from '@/components/settings/DeleteAccountSection';
import { DeviceTokens } from '@/components/settings/DeviceTokens';
import { PasswordSection } from '@/components/settings/PasswordSection';
import { ExportSection } from '@/components/settings/ExportSection';
import { ProfileForm } from '@/components/settings/ProfileForm';
import { SessionsSection } from '@/components/settings/SessionsSection';
import { ThemeChoice } from '@/components/theme/ThemeChoice';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your profile, theme and password, where you are signed in, the apps and devices that sync with your account, and your data."
      />
      <div className="max-w-2xl space-y-6">
        <ProfileForm />
        <ThemeChoice />
        <PasswordSection />
        <SessionsSection />
        <ApiKeysSection />
        <DevicesSection />
        <DeviceTokens />
        <BrowserSyncStatus />
        <ExportSection />
        <DeleteAccountSection />
      </div>
    </>
  );
}
