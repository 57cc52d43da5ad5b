import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AddTaskForm } from './AddTaskForm';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const title = () => screen.getByLabelText('New task') as HTMLInputElement;

async function add(text: string) {
  fireEvent.change(title(), { target: { value: text } });
  await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Add a task' })));
}

describe('AddTaskForm', () => {
  it('clears the title when the task is sent, so the next one typed meanwhile survives the answer', async () => {
    const pending = deferred();
    const onAdd = vi.fn(() => pending.promise);
    render(<AddTaskForm onAdd={onAdd} defaultDue={null} />);
    await add('Milk');
    expect(onAdd).toHaveBeenCalledWith('Milk', null);
    expect(title().value).toBe('');
    fireEvent.change(title(), { target: { value: 'Bread' } });
    await act(async () => pending.resolve());
    expect(title().value).toBe('Bread');
  });

  it('gives the title back when the add fails, unless something new was typed', async () => {
    const failures = [deferred(), deferred()];
    const onAdd = vi.fn(() => failures[onAdd.mock.calls.length - 1].promise);
    render(<AddTaskForm onAdd={onAdd} defaultDue={null} />);
    await add('Eggs');
    await act(async () => failures[0].reject(new Error('refused')));
    expect(title().value).toBe('Eggs');
    await add('Eggs');
    fireEvent.change(title(), { target: { value: 'Butter' } });
    await act(async () => failures[1].reject(new Error('refused')));
    expect(title().value).toBe('Butter');
  });
});
