import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { formNumber, formText, useSchemaForm } from './useSchemaForm';

// The schema checks the pages before the title, the page shows the title first: the focus follows the page.
const schema = z.object({ totalPages: z.number().int().min(1, 'Enter a number'), title: z.string().min(1, 'Give it a title') });

function BookLikeForm({ send }: { send: (value: z.infer<typeof schema>) => Promise<unknown> }) {
  const form = useSchemaForm(schema, send, { failure: 'Could not save', onCancel: () => {} });
  return (
    <form
      aria-label="Book"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        void form.submit({ title: formText(data, 'title'), totalPages: formNumber(data, 'totalPages') });
      }}
    >
      <label htmlFor={form.field('title').id}>Title</label>
      <input {...form.field('title')} />
      {form.errors.title ? <p id={`${form.id}-title-error`}>{form.errors.title}</p> : null}
      <label htmlFor={form.field('totalPages').id}>Pages</label>
      <input {...form.field('totalPages')} />
      {form.errors.totalPages ? <p id={`${form.id}-totalPages-error`}>{form.errors.totalPages}</p> : null}
    </form>
  );
}

describe('a refused schema form', () => {
  it('takes the focus to the first field on the page that is wrong, once it says so', async () => {
    const send = vi.fn(async () => {});
    render(<BookLikeForm send={send} />);
    screen.getByLabelText('Title').focus();
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Book' })));
    expect(send).not.toHaveBeenCalled();
    const title = screen.getByLabelText('Title');
    expect(document.activeElement).toBe(title);
    expect(title.getAttribute('aria-describedby')).toBe(screen.getByText('Give it a title').id);

    fireEvent.change(title, { target: { value: 'Dune' } });
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Book' })));
    const pages = screen.getByLabelText('Pages');
    expect(document.activeElement).toBe(pages);
    expect(pages.getAttribute('aria-invalid')).toBe('true');
  });
});
