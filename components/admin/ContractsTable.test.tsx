import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QUERY_CONTRACT_KEYS, REFRESH_KEYS } from '@/lib/sync/contracts';
import { ContractsTable } from './ContractsTable';

const row = (table: string, key: string) => within(screen.getByTestId(table)).getByText(key).closest('tr')!;

describe('ContractsTable', () => {
  it("shows DESIGN.md's pages and every other query, one row each, keyed by name", () => {
    render(<ContractsTable />);
    expect([...screen.getByTestId('admin-contracts').querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-refresh-key'))).toEqual([...REFRESH_KEYS]);
    expect([...screen.getByTestId('admin-query-contracts').querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-refresh-key'))).toEqual([
      ...QUERY_CONTRACT_KEYS,
    ]);
  });

  it('says what each row does while the event stream is live and while it is down', () => {
    render(<ContractsTable />);
    const cells = (tr: HTMLElement) => [...tr.querySelectorAll('td')].map((td) => td.textContent);
    // Freshness source, poll, idle poll, stream live, stream down, when hidden, staleness, on focus, on visible.
    expect(cells(row('admin-contracts', 'habits')).slice(1)).toEqual(['—', '—', 'nudges only', '1 min', 'pauses', '1 min', 'refetch after > 1 min away', '—']);
    expect(cells(row('admin-contracts', 'tasks')).slice(1, 5)).toEqual(['30 s', '30 s', '5 min', '30 s']);
    expect(cells(row('admin-contracts', 'admin')).slice(1)).toEqual(['—', '—', '—', '—', '—', 'manual', 'never', '—']);
    expect(cells(row('admin-query-contracts', 'task-counts')).slice(1, 5)).toEqual(['30 s', '30 s', '5 min', '30 s']);
    expect(cells(row('admin-query-contracts', 'profile')).slice(6)).toEqual(['5 min', 'refetch if stale', 'refetch if stale']);
  });
});
