import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { formatsFor } from '@/lib/shared/format';
import { DayBars, type DayBar } from './DayBars';

vi.mock('@/lib/sync/use-formats', () => ({ useFormats: () => formatsFor('UTC', 'en-GB') }));

const week = (values: (number | null)[]): DayBar[] => values.map((value, i) => ({ key: `2026-12-0${i + 1}`, label: `Day ${i + 1}`, value }));

describe('DayBars', () => {
  it('draws one bar a day as tall as its share of the top value, with the first and last day under them', () => {
    const { container } = render(<DayBars bars={week([0, 30, null, 120])} max={1} unit="min" caption="Focus" testId="chart" tall table={false} />);
    const bars = [...screen.getByTestId('chart').querySelectorAll('span')];
    expect(bars.map((b) => b.dataset.value)).toEqual(['0', '30', '', '120']);
    expect(bars[1].style.height).toBe('25%');
    expect(bars[3].style.height).toBe('100%');
    expect(screen.getByText('120 min')).toBeTruthy();
    expect(screen.getByText('Day 1')).toBeTruthy();
    expect(screen.getByText('Day 4')).toBeTruthy();
    expect(container.querySelector('table')).toBeNull();
  });

  it('gives no scale while the main chart has no bar (a "1 min" top would be made up)', () => {
    render(<DayBars bars={week([0, null, 0])} max={1} unit="min" caption="Focus" testId="chart" tall />);
    expect(screen.queryByText(/^\d+ min$/)).toBeNull();
    expect(screen.getByRole('table', { name: 'Focus' })).toBeTruthy();
  });
});
