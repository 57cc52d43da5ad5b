import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SegmentedChoice } from './SegmentedChoice';

const THEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
] as const;

function Themes({ start }: { start?: (typeof THEMES)[number]['value'] }) {
  const [theme, setTheme] = useState(start);
  return <SegmentedChoice options={THEMES} value={theme} onChange={setTheme} label="Theme" />;
}

const radio = (name: string) => screen.getByRole('radio', { name });

describe('SegmentedChoice', () => {
  it('is one tab stop, at the chosen option, and the arrow keys move and choose (wrapping), Home and End jump', () => {
    render(<Themes start="dark" />);
    expect(screen.getByRole('radiogroup', { name: 'Theme' })).toBeTruthy();
    expect(THEMES.map((t) => radio(t.label).tabIndex)).toEqual([-1, 0, -1]);
    radio('Dark').focus();
    fireEvent.keyDown(radio('Dark'), { key: 'ArrowRight' });
    expect(radio('System').getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(radio('System'));
    fireEvent.keyDown(radio('System'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(radio('Light'));
    expect(radio('Light').getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(radio('Light'), { key: 'ArrowLeft' });
    expect(radio('System').getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(radio('System'), { key: 'Home' });
    expect(radio('Light').getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(radio('Light'), { key: 'End' });
    expect(radio('System').getAttribute('aria-checked')).toBe('true');
    expect(THEMES.map((t) => radio(t.label).tabIndex)).toEqual([-1, -1, 0]);
  });

  it('enters at the first option while none is chosen, and ignores other keys', () => {
    render(<Themes />);
    expect(THEMES.map((t) => radio(t.label).tabIndex)).toEqual([0, -1, -1]);
    fireEvent.keyDown(radio('Light'), { key: 'a' });
    expect(THEMES.every((t) => radio(t.label).getAttribute('aria-checked') === 'false')).toBe(true);
  });
});
