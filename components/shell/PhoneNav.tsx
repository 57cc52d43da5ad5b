'use client';

import { MoreHorizontal, X } from 'lucide-react';
import { useRef } from 'react';
import type { NavItem } from './nav';
import { isCurrent, NavLinks } from './NavLinks';

/** The destinations a phone's bar shows itself; every other page is one tap away in "More". */
const MAIN = ['/today', '/focus', '/planner', '/tasks'];

/**
 * Phones: a bar of the main destinations at the foot of the screen and a "More" sheet (a modal
 * dialog: focus stays inside, Escape closes it, focus returns to "More") for the rest.
 */
export function PhoneNav({ items, pathname }: { items: NavItem[]; pathname: string }) {
  const sheet = useRef<HTMLDialogElement>(null);
  const main = items.filter((i) => MAIN.includes(i.href));
  const more = items.filter((i) => !MAIN.includes(i.href));
  const moreCurrent = more.some((i) => isCurrent(pathname, i.href));
  const tab = 'flex min-w-0 flex-1 flex-col items-center gap-0.5 py-1.5 text-[11px] font-medium text-stone-600 aria-[current=page]:text-brand-700';

  return (
    <>
      <nav aria-label="Main" className="border-t border-stone-200 bg-surface pb-[env(safe-area-inset-bottom)] md:hidden" data-testid="phone-nav">
        <ul className="flex">
          <NavLinks items={main} pathname={pathname} itemClassName="flex flex-1" linkClassName={tab} iconClassName="h-5 w-5" />
          <li className="flex flex-1">
            <button
              type="button"
              className={tab}
              aria-haspopup="dialog"
              aria-current={moreCurrent ? 'page' : undefined}
              onClick={() => sheet.current?.showModal()}
            >
              <MoreHorizontal className="h-5 w-5" aria-hidden />
              More
            </button>
          </li>
        </ul>
      </nav>
      <dialog
        ref={sheet}
        aria-labelledby="more-sheet-title"
        className="mb-0 mt-auto w-full max-w-none rounded-t-2xl border border-stone-200 bg-surface p-0 text-stone-900 shadow-xl backdrop:bg-black/40 md:hidden"
        onClick={(e) => {
          // A tap on the backdrop (the dialog box itself, outside its content) closes the sheet.
          if (e.target === e.currentTarget) e.currentTarget.close();
        }}
      >
        <div className="p-4 pb-6">
          <div className="mb-2 flex items-center justify-between">
            <h2 id="more-sheet-title" className="text-base font-semibold">
              More
            </h2>
            <button type="button" className="btn-ghost p-1.5" onClick={() => sheet.current?.close()} aria-label="Close">
              <X className="h-5 w-5" aria-hidden />
            </button>
          </div>
          <ul className="grid grid-cols-3 gap-2">
            <NavLinks
              items={more}
              pathname={pathname}
              onNavigate={() => sheet.current?.close()}
              linkClassName="flex flex-col items-center gap-1 rounded-xl border border-stone-200 px-2 py-3 text-sm text-stone-700 aria-[current=page]:border-brand-500 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
              iconClassName="h-5 w-5"
            />
          </ul>
        </div>
      </dialog>
    </>
  );
}
