import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { TimeZoneField } from './TimeZoneField';

const zones = ['America/New_York', 'Europe/Berlin', 'UTC'];
const select = () => screen.getByLabelText<HTMLSelectElement>('Time zone');

it('offers the zone this device is set to when the profile has another; taking it fills the select and focuses it', () => {
  render(<TimeZoneField zones={zones} current="UTC" deviceZone="Europe/Berlin" />);
  expect(select().value).toBe('UTC');
  expect(screen.getByTestId('device-time-zone').textContent).toContain('This device is set to Europe/Berlin.');

  fireEvent.click(screen.getByRole('button', { name: 'Use Europe/Berlin' }));
  expect(select().value).toBe('Europe/Berlin');
  expect(document.activeElement).toBe(select());
  expect(screen.queryByTestId('device-time-zone')).toBeNull();

  // Choosing another zone by hand offers the device's again.
  fireEvent.change(select(), { target: { value: 'America/New_York' } });
  expect(screen.getByRole('button', { name: 'Use Europe/Berlin' })).toBeTruthy();
});

it('offers nothing when the profile is in the device’s zone, or the device’s zone is not one this browser lists', () => {
  const { unmount } = render(<TimeZoneField zones={zones} current="Europe/Berlin" deviceZone="Europe/Berlin" />);
  expect(screen.queryByTestId('device-time-zone')).toBeNull();
  unmount();
  render(<TimeZoneField zones={zones} current="UTC" deviceZone="Mars/Olympus_Mons" />);
  expect(screen.queryByTestId('device-time-zone')).toBeNull();
});
