import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AddTaskForm, type NewTaskInput } from './AddTaskForm';
import { ListsSidebar } from './ListsSidebar';
import { deferred } from '@/test/deferred';

// Both forms send through the op log and settle later than their optimistic row shows: they must
// clear their field when they send, or a name typed meanwhile is wiped when the first one settles.
const forms = [
  {
    name: 'the new-task form',
    render: async (onSend: (text: string) => Promise<void>) => {
      render(<AddTaskForm onAdd={({ title }) => onSend(title)} defaultDue={null} timeZone="Europe/Berlin" />);
      // The plain-words parser loads on the first focus, as when a user clicks into the field.
      await act(async () => {
        fireEvent.focus(screen.getByLabelText('New task'));
        await import('@/lib/shared/quick-add');
      });
    },
    field: () => screen.getByLabelText('New task') as HTMLInputElement,
    submit: () => fireEvent.submit(screen.getByRole('form', { name: 'Add a task' })),
  },
  {
    name: 'the new-list form',
    render: (onSend: (text: string) => Promise<void>) => render(<ListsSidebar lists={[]} scope={null} onSelect={() => {}} onCreate={onSend} />),
    field: () => screen.getByLabelText('New list name') as HTMLInputElement,
    submit: () => fireEvent.click(screen.getByRole('button', { name: 'Add list' })),
  },
];

describe.each(forms)('$name', (form) => {
  async function send(text: string) {
    fireEvent.change(form.field(), { target: { value: text } });
    await act(async () => form.submit());
  }

  it('clears the field when it sends, so the next name typed meanwhile survives the answer', async () => {
    const pending = deferred();
    const onSend = vi.fn(() => pending.promise);
    await form.render(onSend);
    await send('Milk');
    expect(onSend).toHaveBeenCalledWith('Milk');
    expect(form.field().value).toBe('');
    fireEvent.change(form.field(), { target: { value: 'Bread' } });
    await act(async () => pending.resolve());
    expect(form.field().value).toBe('Bread');
  });

  it('gives the name back when sending fails, unless something new was typed', async () => {
    const failures = [deferred(), deferred()];
    const onSend = vi.fn(() => failures[onSend.mock.calls.length - 1].promise);
    await form.render(onSend);
    await send('Eggs');
    await act(async () => failures[0].reject(new Error('refused')));
    expect(form.field().value).toBe('Eggs');
    await send('Eggs');
    fireEvent.change(form.field(), { target: { value: 'Butter' } });
    await act(async () => failures[1].reject(new Error('refused')));
    expect(form.field().value).toBe('Butter');
  });
});

describe('the new-task form and the focus', () => {
  it('keeps the focus in the field when it sends, and leaves it where the user went when the add settles', async () => {
    const pending = deferred();
    render(
      <>
        <AddTaskForm onAdd={() => pending.promise} defaultDue={null} timeZone="Europe/Berlin" />
        <button type="button">Elsewhere</button>
      </>,
    );
    const field = screen.getByLabelText('New task');
    await act(async () => {
      fireEvent.focus(field);
      await import('@/lib/shared/quick-add');
    });
    fireEvent.change(field, { target: { value: 'Milk' } });
    const add = screen.getByRole('button', { name: 'Add task' });
    add.focus();
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Add a task' })));
    // The clicked button goes disabled as the field clears: the field has the focus at once.
    expect(document.activeElement).toBe(field);
    // The user moves on (a shortcut key, another control) before the add settles.
    screen.getByRole('button', { name: 'Elsewhere' }).focus();
    await act(async () => pending.resolve());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }));
  });
});

describe('the new-task form taking the focus over', () => {
  it('takes the focus handed to it when nothing has it, and leaves it where the user put it', async () => {
    const taken = vi.fn();
    const { unmount } = render(<AddTaskForm onAdd={async () => {}} defaultDue={null} timeZone="Europe/Berlin" takeFocus onFocusTaken={taken} />);
    expect(document.activeElement).toBe(screen.getByLabelText('New task'));
    expect(taken).toHaveBeenCalledTimes(1);
    unmount();

    render(
      <>
        <button type="button">Elsewhere</button>
      </>,
    );
    screen.getByRole('button', { name: 'Elsewhere' }).focus();
    render(<AddTaskForm onAdd={async () => {}} defaultDue={null} timeZone="Europe/Berlin" takeFocus onFocusTaken={taken} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(taken).toHaveBeenCalledTimes(2);
  });
});

describe('the new-task form reads plain words', () => {
  it('files "Pay rent fri 5pm p1 #home" as a task due Friday at 17:00 with P1, "#home" kept; a removed chip keeps its words', async () => {
    const onAdd = vi.fn(async (_task: NewTaskInput) => {});
    render(<AddTaskForm onAdd={onAdd} defaultDue={null} timeZone="Europe/Berlin" />);
    const field = screen.getByLabelText('New task');
    await act(async () => {
      fireEvent.focus(field);
      await import('@/lib/shared/quick-add');
    });
    fireEvent.change(field, { target: { value: 'Pay rent fri 5pm p1 #home' } });
    const understood = screen.getByTestId('add-task-understood');
    expect(understood.textContent).toContain('Adds “Pay rent #home”');
    expect(screen.getByTestId('chip-priority').textContent).toContain('P1');
    expect(screen.queryByTestId('chip-list')).toBeNull();
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Add a task' })));
    const [task] = onAdd.mock.calls[0]!;
    expect(task).toMatchObject({ title: 'Pay rent #home', dueTime: '17:00', priority: 1 });
    expect(new Date(`${task.dueDay}T12:00:00Z`).getUTCDay()).toBe(5);

    fireEvent.change(field, { target: { value: 'Buy p2 pencils' } });
    fireEvent.click(screen.getByRole('button', { name: /Remove priority/ }));
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Add a task' })));
    expect(onAdd.mock.calls[1]![0]).toEqual({ title: 'Buy p2 pencils', dueDay: null });
  });
});
