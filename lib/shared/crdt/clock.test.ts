import { describe, expect, it } from 'vitest';
import { compareStamps, LamportClock } from './clock';

describe('Lamport clock', () => {
  it('ticks once per local op', () => {
    const clock = new LamportClock();
    expect([clock.tick(), clock.tick(), clock.value]).toEqual([1, 2, 2]);
  });

  it('jumps to a higher observed clock and ignores a lower one, so the next tick beats both', () => {
    const clock = new LamportClock(5);
    clock.observe(3);
    expect(clock.value).toBe(5);
    clock.observe(40);
    expect(clock.tick()).toBe(41);
  });

  it('orders stamps by clock, then actor id by code units, and equal only when both match', () => {
    expect(compareStamps({ clock: 2, actor: 'a' }, { clock: 10, actor: 'Z' })).toBeLessThan(0);
    expect(compareStamps({ clock: 3, actor: 'bob' }, { clock: 3, actor: 'ann' })).toBeGreaterThan(0);
    // Upper case sorts before lower case by code unit; localeCompare would say otherwise.
    expect(compareStamps({ clock: 3, actor: 'Zed' }, { clock: 3, actor: 'ann' })).toBeLessThan(0);
    expect(compareStamps({ clock: 3, actor: 'ann' }, { clock: 3, actor: 'ann' })).toBe(0);
  });
});
