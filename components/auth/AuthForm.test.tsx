import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuthSubmit } from './AuthForm';

describe('AuthSubmit', () => {
  it('is disabled in the server’s HTML, so a form submitted before hydration never sends the password in a GET, and enabled once hydrated', () => {
    const submit = <AuthSubmit error={null} busy={false} label="Sign in" busyLabel="Signing in…" />;
    expect(renderToString(submit)).toMatch(/<button type="submit"[^>]*disabled/);
    render(submit);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' }).disabled).toBe(false);
  });
});
