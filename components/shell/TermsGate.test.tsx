import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CURRENT_TERMS } from '@/lib/shared/terms';
import { TermsGate } from './TermsGate';

vi.mock('../auth/SessionState', () => ({ useAppSession: () => ({ data: { user: { id: 'u1' } }, status: 'authenticated', update: vi.fn() }) }));

const gate = () => (
  <QueryClientProvider client={new QueryClient()}>
    <TermsGate terms={CURRENT_TERMS} onAccepted={() => {}} />
  </QueryClientProvider>
);

describe('TermsGate', () => {
  it('is in the server’s HTML with Accept and Decline disabled (a click before hydration would be lost), and enabled once hydrated', () => {
    const html = renderToString(gate());
    const buttons = [...html.matchAll(/<button[^>]*>/g)].map(([tag]) => tag);
    expect(buttons).toHaveLength(2);
    for (const tag of buttons) expect(tag).toContain('disabled');

    render(gate());
    for (const name of ['I accept the terms', 'Decline and sign out']) expect(screen.getByRole<HTMLButtonElement>('button', { name }).disabled).toBe(false);
  });
});
