'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { registerServiceWorker, savePageForOffline } from '@/lib/sync/service-worker';

/**
 * Registers the service worker, saves each page this user opens for offline use, and offers a
 * waiting new version: "A new version is ready — Reload" (decision 041).
 */
export function UpdateBanner() {
  const pathname = usePathname();
  const [reload, setReload] = useState<(() => void) | null>(null);

  useEffect(() => {
    registerServiceWorker({ onUpdateReady: (apply) => setReload(() => apply) });
  }, []);

  useEffect(() => {
    void savePageForOffline(`${pathname}${window.location.search}`).catch(() => {
      // Storage full or the fetch failed: this page just will not open offline.
    });
  }, [pathname]);

  if (!reload) return null;
  // At the foot of the page's box (AppShell), a toast's height above the toasts (Toaster.tsx).
  return (
    <div
      role="status"
      className="absolute inset-x-0 bottom-16 z-50 mx-auto flex w-fit items-center gap-3 rounded-lg bg-stone-900 px-4 py-2 text-sm text-white shadow-lg"
      data-testid="update-banner"
    >
      <span>A new version is ready</span>
      <button type="button" className="rounded bg-white px-2 py-1 font-medium text-stone-900" onClick={reload}>
        Reload
      </button>
    </div>
  );
}
