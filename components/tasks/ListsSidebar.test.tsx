import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ListsSidebar } from './ListsSidebar';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const field = () => screen.getByLabelText('New list name') as HTMLInputElement;

async function create(name: string) {
  fireEvent.change(field(), { target: { value: name } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add list' })));
}

describe('ListsSidebar’s new-list form', () => {
  it('clears the name when the list is sent, so a name typed meanwhile survives the answer', async () => {
    const pending = deferred();
    const onCreate = vi.fn(() => pending.promise);
    render(<ListsSidebar lists={[]} scope={null} onSelect={() => {}} onCreate={onCreate} />);
    await create('Groceries');
    expect(onCreate).toHaveBeenCalledWith('Groceries');
    expect(field().value).toBe('');
    fireEvent.change(field(), { target: { value: 'Work' } });
    await act(async () => pending.resolve());
    expect(field().value).toBe('Work');
  });

  it('gives the name back when the create fails', async () => {
    const failing = deferred();
    render(<ListsSidebar lists={[]} scope={null} onSelect={() => {}} onCreate={() => failing.promise} />);
    await create('Trips');
    await act(async () => failing.reject(new Error('refused')));
    expect(field().value).toBe('Trips');
  });
});
