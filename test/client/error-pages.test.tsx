import { fireEvent, render, screen } from '@testing-library/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import PageError from '@/app/(app)/error';
import GlobalError from '@/app/global-error';

describe('a page that failed while drawing (app/(app)/error.tsx)', () => {
  it('says so in an alert, tries the page again, and offers Today', () => {
    const reset = vi.fn();
    render(<PageError error={Object.assign(new Error('boom'), { digest: '1234567' })} reset={reset} />);
    const alert = screen.getByRole('alert', { name: 'This page could not be shown' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This page could not be shown');
    // The error's own words are for the log, not the user; the digest finds it there.
    expect(alert.textContent).not.toContain('boom');
    expect(alert.textContent).toContain('Reference 1234567');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(reset).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('link', { name: 'Go to Today' }).getAttribute('href')).toBe('/today');
  });

  it('names no reference when the error has no digest (one thrown in the browser)', () => {
    render(<PageError error={new Error('boom')} reset={() => {}} />);
    expect(screen.getByRole('alert').textContent).not.toContain('Reference');
  });
});

describe('the root layout failing (app/global-error.tsx)', () => {
  it('is a whole document in the system’s colours, with a reload and the reference', () => {
    const html = renderToStaticMarkup(<GlobalError error={Object.assign(new Error('boom'), { digest: '89ab' })} />);
    expect(html).toMatch(/^<html lang="en" class="system">(<head><\/head>)?<body>/);
    expect(html).toContain('<h1 class="text-xl font-semibold">Passion OS could not start</h1>');
    expect(html).toMatch(/<a href="" class="btn-primary w-full">Reload<\/a>/);
    expect(html).toContain('Reference 89ab');
    expect(html).not.toContain('boom');
  });
});
