'use client';

import { type FormEvent } from 'react';
import { forgetEverything } from '@/lib/sync/session-store';
import { expectSessionEnd, hardNavigate } from '../auth/navigation';
import { LabelledControl, Notice } from '../forms/LabelledControl';
import { useDeleteAccount } from './useAccount';

/** Everything that goes with the account, named before the user confirms. */
const LOST = [
  'tasks and lists, on every device',
  'focus sessions, daily plans and planner events',
  'quests and XP, habits and their history',
  'books and reading sessions',
  'mood entries, activities, check-ins and their schedules',
  'devices, API keys and push registrations',
];

/** What is lost, and the password that confirms it: loaded on "Delete account…", not with the page (decision 065). */
export function DeleteAccountConfirm({ onCancel }: { onCancel: () => void }) {
  const remove = useDeleteAccount();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    expectSessionEnd(true);
    remove.mutate(String(new FormData(e.currentTarget).get('password')), {
      onError: () => expectSessionEnd(false),
      onSuccess: () => {
        // The answer cleared the session cookie; this browser keeps nothing of the account.
        forgetEverything(window.sessionStorage);
        hardNavigate('/login?reason=deleted');
      },
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Confirm deleting your account">
      <div className="text-sm text-stone-700">
        <p className="font-medium">You will lose:</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {LOST.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="mt-2">Every browser and app signed in to it is signed out. This cannot be undone.</p>
      </div>
      <LabelledControl id="delete-password" label="Your password, to confirm">
        <input id="delete-password" name="password" type="password" autoComplete="current-password" required className="input max-w-sm" autoFocus />
      </LabelledControl>
      <Notice role="alert">{remove.error?.message}</Notice>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800" disabled={remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete my account and data'}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Keep my account
        </button>
      </div>
    </form>
  );
}
