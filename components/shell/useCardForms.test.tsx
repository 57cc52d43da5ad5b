import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCardForms } from './useCardForms';

/** A page of one card, shaped like the habits, books and quests pages: each form replaces its opener. */
function Page({ write = async () => {} }: { write?: (input: string) => Promise<void> }) {
  const forms = useCardForms();
  const form = (onSubmit: (input: string) => Promise<void>) => (
    <form
      aria-label="The form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit('input');
      }}
    >
      <input aria-label="Name" autoFocus />
      <button type="button" onClick={forms.close}>
        Cancel
      </button>
    </form>
  );
  return (
    <main>
      {forms.isNew ? form(forms.writeThenClose(write)) : <button onClick={forms.openNew}>New thing</button>}
      {forms.isOpen('edit', 'a') ? (
        form(forms.saveEdit(async () => {}, 'a'))
      ) : (
        <button aria-label="Edit Walk" onClick={() => forms.openFor('edit', 'a')}>
          Pencil
        </button>
      )}
      <button>Elsewhere</button>
    </main>
  );
}

describe('useCardForms and the focus', () => {
  it('gives the focus back to the control that opened a form, which the form had replaced', async () => {
    render(<Page />);
    screen.getByRole('button', { name: 'New thing' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'New thing' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    // Saved with Enter: the form closes, and the new "New thing" button has the focus.
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'The form' })));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New thing' }));

    // A card's own form, closed with Cancel: back to that card's edit button.
    screen.getByRole('button', { name: 'Edit Walk' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Edit Walk' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit Walk' }));
  });

  it('leaves the focus where the user put it while the write was on its way', async () => {
    let finish!: () => void;
    render(<Page write={() => new Promise<void>((resolve) => (finish = resolve))} />);
    screen.getByRole('button', { name: 'New thing' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'New thing' }));
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'The form' })));
    screen.getByRole('button', { name: 'Elsewhere' }).focus();
    await act(async () => finish());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }));
  });
});
