'use client';

import Link from 'next/link';
import { Timer } from 'lucide-react';

/** The strip under every page; the focus timer's controls live here. */
export function BottomBar() {
  return (
    <footer data-testid="bottom-bar" className="sticky bottom-0 z-20 border-t border-stone-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4 text-sm">
        <span className="flex items-center gap-2 text-stone-600">
          <Timer className="h-4 w-4" aria-hidden /> No focus session running
        </span>
        <Link href="/focus" className="btn-secondary py-1.5">Start focusing</Link>
      </div>
    </footer>
  );
}
