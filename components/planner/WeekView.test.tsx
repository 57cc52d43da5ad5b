import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it, vi } from 'vitest';
import { instantAt } from '@/lib/shared/days';
import { formatsFor } from '@/lib/shared/format';
import { confirmCreated, isPending, PENDING_PREFIX } from '@/lib/sync/optimistic-list';
import { DAY, ev } from './test-events';
import { WeekView } from './WeekView';

vi.mock('@/lib/sync/use-formats', () => ({ useFormats: () => formatsFor('UTC', 'en-GB') }));
// As the shell says it: a pending id waits to send (WaitingToSend.tsx); the outbox is empty here.
vi.mock('../shell/WaitingToSend', () => ({ useWaitingRecords: () => (_url: string, id?: string) => id !== undefined && isPending(id) }));

const monday = instantAt('2026-12-07', '00:00', 'UTC');
const days = Array.from({ length: 8 }, (_, i) => monday + i * DAY);

it('an event the server does not have yet says it cannot be opened, and opening it does nothing; a saved one opens', () => {
  const onOpen = vi.fn();
  const onCreateAt = vi.fn();
  const wednesday10 = instantAt('2026-12-09', '10:00', 'UTC');
  const events = [ev(`${PENDING_PREFIX}1`, wednesday10, { title: 'Team sync' }), ev('e1', wednesday10 + 4 * 3600_000, { title: 'Review' })];
  render(<WeekView days={days} events={events} today="2026-12-07" onOpen={onOpen} onCreateAt={onCreateAt} onMove={vi.fn()} />);

  const pending = screen.getByRole('button', { name: /Team sync/ });
  expect(pending.getAttribute('aria-disabled')).toBe('true');
  expect(pending.textContent).toContain('waiting to send');
  fireEvent.click(pending);
  expect(onOpen).not.toHaveBeenCalled();
  // Not a click on the empty hour behind it either.
  expect(onCreateAt).not.toHaveBeenCalled();

  const saved = screen.getByRole('button', { name: /Review/ });
  expect(saved.hasAttribute('aria-disabled')).toBe(false);
  fireEvent.click(saved);
  expect(onOpen).toHaveBeenCalledWith(events[1]);
});

it('keeps the keyboard’s focus on a new event when the server’s answer replaces it', () => {
  const wednesday10 = instantAt('2026-12-09', '10:00', 'UTC');
  const id = `${PENDING_PREFIX}focus`;
  const pending = [ev(id, wednesday10, { title: 'Standup' })];
  const props = { days, today: '2026-12-07', onOpen: vi.fn(), onCreateAt: vi.fn(), onMove: vi.fn() };
  const { rerender } = render(<WeekView {...props} events={pending} />);
  const button = screen.getByRole('button', { name: /Standup/ });
  button.focus();
  expect(document.activeElement).toBe(button);

  rerender(<WeekView {...props} events={confirmCreated(pending, id, ev('e-standup', wednesday10, { title: 'Standup' }))!} />);
  const saved = screen.getByRole('button', { name: /Standup/ });
  expect(saved.hasAttribute('aria-disabled')).toBe(false);
  expect(document.activeElement).toBe(saved);
});
