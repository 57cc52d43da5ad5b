import type { DeviceTokenView } from './schemas/device-tokens';

/** "Active", or "Disabled" and why: removed by its owner, or the APNs reason. */
export function tokenStateLabel(token: Pick<DeviceTokenView, 'state' | 'disabledReason'>): string {
  if (token.state === 'active') return 'Active';
  if (!token.disabledReason) return 'Disabled';
  return `Disabled (${token.disabledReason === 'user' ? 'removed' : token.disabledReason})`;
}
