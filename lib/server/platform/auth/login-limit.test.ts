import { describe, expect, it } from 'vitest';
import { loginLimit } from './login-limit';

// Defaults: 5 failures per account, 20 per IP, 900 s window.
describe('loginLimit', () => {
  it('blocks an account after 5 failures from anywhere and lifts after the window', () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) loginLimit.failed('Acc@x.io', `10.0.0.${i}`, t0 + i);
    expect(loginLimit.retryAfter('acc@x.io', '10.9.9.9', t0 + 10)).toBeGreaterThan(890);
    expect(loginLimit.retryAfter('other@x.io', '10.9.9.9', t0 + 10)).toBe(0);
    expect(loginLimit.retryAfter('acc@x.io', '10.9.9.9', t0 + 900_001)).toBe(0);
  });

  it('blocks an IP after 20 failures across accounts', () => {
    const t0 = 5_000_000;
    for (let i = 0; i < 20; i++) loginLimit.failed(`spray${i}@x.io`, '192.0.2.7', t0);
    expect(loginLimit.retryAfter('fresh@x.io', '192.0.2.7', t0 + 1)).toBeGreaterThan(0);
    expect(loginLimit.retryAfter('fresh@x.io', '192.0.2.8', t0 + 1)).toBe(0);
  });

  it('forgets an account’s failures after a successful sign-in', () => {
    const t0 = 9_000_000;
    for (let i = 0; i < 4; i++) loginLimit.failed('ok@x.io', '198.51.100.1', t0);
    loginLimit.succeeded('ok@x.io');
    loginLimit.failed('ok@x.io', '198.51.100.1', t0 + 1);
    expect(loginLimit.retryAfter('ok@x.io', '198.51.100.2', t0 + 2)).toBe(0);
  });
});
