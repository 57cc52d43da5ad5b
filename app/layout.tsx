import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { getTheme } from '@/lib/server/domains/account/profile';
import { currentSession } from '@/lib/server/domains/account/session';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Passion OS', template: '%s · Passion OS' },
  description: 'Focus, plan and track your days — fresh on every device.',
  applicationName: 'Passion OS',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    ],
    apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180', type: 'image/png' }],
  },
  appleWebApp: { capable: true, title: 'Passion OS', statusBarStyle: 'default' },
};

export const viewport: Viewport = { themeColor: '#c2410c', width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  // The profile's theme is on <html> from the first byte: no flash of the other scheme (decision 046).
  const theme = session ? await getTheme(session.user.id) : 'system';
  return (
    <html lang="en" className={theme}>
      {/* The session, query cache and sync runtime are the app's (app/(app)/layout.tsx): the sign-in,
          sign-up and terms pages load none of them. */}
      <body>{children}</body>
    </html>
  );
}
