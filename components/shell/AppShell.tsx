'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import dynamic from 'next/dynamic';
import { useEffect, useState, type ReactNode } from 'react';
import type { Profile } from '@/lib/shared/schemas/profile';
import type { Terms } from '@/lib/shared/terms';
import { CURRENT_TERMS_VERSION } from '@/lib/shared/terms-version';
import { FocusStateProvider } from '@/lib/sync/focus/FocusStateContext';
import { SyncProvider } from '@/lib/sync/provider';
import { RealtimeProvider } from '@/lib/sync/realtime';
import { profile as profileResource } from '@/lib/sync/resources/profile';
import { TasksProvider } from '@/lib/sync/tasks/TasksProvider';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { OutboxProvider } from '@/lib/sync/use-outbox';
import { useResource } from '@/lib/sync/use-resource';
import { hardNavigate } from '../auth/navigation';
import { SignOutButton } from '../auth/SignOutButton';
import { QuickAdd } from '../tasks/QuickAdd';
import { ShortcutsHelp } from '../tasks/ShortcutsHelp';
import { TaskReminders } from '../tasks/TaskReminders';
import { ThemeSync } from '../theme/ThemeSync';
import { BottomBar } from './BottomBar';
import { CardsSkeleton } from './CardsSkeleton';
import { ConnectionIndicator } from './ConnectionIndicator';
import { FocusIndicator } from './FocusIndicator';
import { TodayBadge } from './TodayBadge';
import { NAV, type NavItem } from './nav';
import { OfflineBanner } from './OfflineBanner';
import { OutboxStatus } from './OutboxStatus';
import { PhoneNav } from './PhoneNav';
import { useHydrated } from './useHydrated';
import { SessionWatch } from '../auth/SessionWatch';
import { useAppSession } from '../auth/SessionState';
import { Toaster } from './Toaster';
import { UpdateBanner } from './UpdateBanner';
import { NavLinks } from './NavLinks';

// The gate and the terms' text load only for a user who has not accepted them (it is still in the
// server's HTML then); everyone else's pages never download it (decision 065).
const TermsGate = dynamic(() => import('./TermsGate').then((m) => m.TermsGate));

const TERMS_CHECKED_KEY = 'pos:terms-checked';

/**
 * Whether this tab's session already learned from the server that the user accepted the current
 * terms, for the acceptance their token carries: signing in again with a token that says less
 * (an admin published new terms meanwhile) asks the server again.
 */
function termsCheckedThisSession(userId: string, termsVersion: number): boolean {
  try {
    return sessionStorage.getItem(TERMS_CHECKED_KEY) === `${userId}:${termsVersion}`;
  } catch {
    return false;
  }
}

function rememberTermsChecked(userId: string, termsVersion: number): void {
  try {
    sessionStorage.setItem(TERMS_CHECKED_KEY, `${userId}:${termsVersion}`);
  } catch {
    // Storage is unavailable (private mode quota): the next page load asks the server again.
  }
}

export function AppShell({ children }: { children: ReactNode }) {
  const { data: session, status } = useAppSession();
  const pathname = usePathname();

  // The JWT caches terms acceptance for the first paint; the server knows whether an admin has
  // published a newer version since. It is asked once per browser session (per tab) and user: a
  // reload or a new page in this tab trusts the answer it already has.
  const userId = session?.user.id;
  const tokenTerms = session?.termsVersion ?? 0;
  const [tos, setTos] = useState<{ terms: Terms; accepted: boolean } | null>(null);
  useEffect(() => {
    if (!userId) return;
    if (termsCheckedThisSession(userId, tokenTerms)) return;
    let live = true;
    fetch('/api/tos', { credentials: 'same-origin', cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ terms: Terms; accepted: boolean }>) : null))
      .then((t) => {
        if (!live || !t) return;
        if (t.accepted) rememberTermsChecked(userId, tokenTerms);
        setTos(t);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [userId, tokenTerms]);

  // Signed out in another tab (it tells this one, which reads the session again): leave at once, taking nothing along.
  useEffect(() => {
    if (status === 'unauthenticated') hardNavigate('/login');
  }, [status]);

  if (!session) return null;
  const isAdmin = session.user.role === 'admin';
  const termsAccepted = tos ? tos.accepted : session.termsVersion >= CURRENT_TERMS_VERSION;
  const items = NAV.filter((item) => !item.adminOnly || isAdmin);

  if (!termsAccepted) {
    // Accepted is accepted, whether or not the server's answer about the terms had come yet (it may
    // not have: a click right after the gate showed; the gate then shows this build's terms), and
    // whether or not the token could be refreshed (offline, say).
    return <TermsGate terms={tos?.terms} onAccepted={(terms) => setTos({ terms, accepted: true })} />;
  }

  return (
    <SyncProvider key={session.user.id} userId={session.user.id}>
      <OutboxProvider userId={session.user.id}>
        <RealtimeProvider>
          <SessionWatch />
          <FocusStateProvider>
            <TasksProvider>
              <Frame userId={session.user.id} userName={session.user.name} items={items} pathname={pathname}>
                {children}
              </Frame>
            </TasksProvider>
          </FocusStateProvider>
        </RealtimeProvider>
      </OutboxProvider>
    </SyncProvider>
  );
}

/**
 * The user's name from their profile (the profile contract: nudged by profile changes), so a rename
 * in another browser shows here too; next-auth's session copy is only the first paint's.
 */
function ShellUser({ signedInAs }: { signedInAs: string }) {
  const profile = useSyncedQuery<Profile>(useResource(profileResource));
  return (
    <span className="hidden text-stone-600 sm:inline" data-testid="shell-user">
      {profile.data?.name ?? signedInAs}
    </span>
  );
}

function Frame({ userId, userName, items, pathname, children }: { userId: string; userName: string; items: NavItem[]; pathname: string; children: ReactNode }) {
  // The pages and the header's live parts show what this tab remembers (sessionStorage), this
  // browser's clock and locale: none of it exists on the server, so they render after hydration
  // (decision 045) and the server's HTML is the frame and a skeleton.
  const hydrated = useHydrated();
  return (
    // The page scrolls between the header and the bars at the foot, never under them: nothing the
    // user can tap or focus is ever covered by them (WCAG 2.4.11, 2.5.8).
    <div className="flex h-dvh flex-col" data-user-id={userId}>
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-surface px-4 py-2 text-sm font-medium text-stone-900 shadow focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <ThemeSync />
      <header className="z-30 shrink-0 border-b border-stone-200 bg-surface">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <Link href="/today" className="flex items-center gap-2 font-semibold">
            <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-white" aria-hidden>
              P
            </span>
            <span className="sr-only sm:not-sr-only">Passion OS</span>
          </Link>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <ConnectionIndicator pathname={pathname} />
            {hydrated ? (
              <>
                <OutboxStatus />
                <TodayBadge />
                <FocusIndicator />
                <ShellUser signedInAs={userName} />
              </>
            ) : null}
            <SignOutButton className="btn-ghost py-1.5" />
          </div>
        </div>
        {hydrated ? <OfflineBanner /> : null}
      </header>
      {/* What floats over the page (the quick-add button, toasts, the update banner) sits at the foot of
          this box, so above whatever the foot below holds: the running timer's bar, the phone's sections. */}
      <div className="relative min-h-0 flex-1">
        <div className="h-full overflow-y-auto" data-testid="page-scroller">
          {/* On phones the foot keeps room for the quick-add button, so a page's last card scrolls clear of it. */}
          <div className="mx-auto flex w-full max-w-6xl gap-6 px-4 pt-6 pb-28 md:pb-6">
            <nav aria-label="Sections" className="hidden w-48 shrink-0 md:block">
              <ul className="sticky top-6 space-y-1">
                <NavLinks
                  items={items}
                  pathname={pathname}
                  linkClassName="flex items-center gap-2 rounded-lg px-3 py-2 text-sm text-stone-700 hover:bg-stone-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
                  iconClassName="h-4 w-4"
                />
              </ul>
            </nav>
            <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
              {hydrated ? children : <CardsSkeleton label="Loading the page" heights={['h-10 w-48', 'h-40', 'h-40']} />}
            </main>
          </div>
        </div>
        <Toaster />
        <QuickAdd />
        <UpdateBanner />
      </div>
      <div className="z-20 shrink-0">
        {hydrated ? <BottomBar /> : null}
        <PhoneNav items={items} pathname={pathname} />
      </div>
      <ShortcutsHelp />
      <TaskReminders />
    </div>
  );
}
