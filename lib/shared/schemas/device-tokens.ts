import { z } from 'zod';
import { deviceIdSchema } from './focus';

export const DEVICE_TOKEN_PLATFORMS = ['ios', 'macos'] as const;
export type DeviceTokenPlatform = (typeof DEVICE_TOKEN_PLATFORMS)[number];

/** `dev` tokens are pushed through the APNs sandbox, `prod` ones through production. */
export const PUSH_ENVIRONMENTS = ['dev', 'prod'] as const;
export type PushEnvironment = (typeof PUSH_ENVIRONMENTS)[number];

// APNs tokens are 32 bytes today (64 hex digits); Apple says not to rely on the length, so up to 100 bytes pass.
export const apnsTokenSchema = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{2}){32,100}$/, 'An APNs device token: 64–200 hex digits, an even number of them')
  .transform((token) => token.toLowerCase());

export const deviceTokenRegisterSchema = z
  .object({
    token: apnsTokenSchema,
    platform: z.enum(DEVICE_TOKEN_PLATFORMS),
    /** Omitted: the server's APNS_ENV. */
    environment: z.enum(PUSH_ENVIRONMENTS).optional(),
    /** The device this token wakes (the X-Device-Id it syncs with): its own changes do not push to it. */
    deviceId: deviceIdSchema.optional(),
  })
  .strict();
export type DeviceTokenRegisterInput = z.infer<typeof deviceTokenRegisterSchema>;

export const deviceTokenDisableSchema = z.object({ token: apnsTokenSchema }).strict();

export interface DeviceTokenView {
  id: string;
  /** Shortened for display (`a1b2c3d4…e5f6`): a token is a credential to push to the device. */
  token: string;
  platform: DeviceTokenPlatform;
  environment: PushEnvironment;
  state: 'active' | 'disabled';
  disabledAt: number | null;
  /** `user` (DELETE) or the APNs reason: `BadDeviceToken`, `DeviceTokenNotForTopic`, `Unregistered`. */
  disabledReason: string | null;
  registeredAt: number;
  lastPushAt: number | null;
  lastOutcome: string | null;
  lastError: string | null;
  pushCount: number;
}

// Without Zod, for the pages that show tokens (decision 059).
export { tokenStateLabel } from '../device-tokens';

export interface DeviceTokenList {
  tokens: DeviceTokenView[];
}

/** GET /api/admin/device-tokens?state= – every user's tokens, or only the active or disabled ones. */
export const adminDeviceTokensQuerySchema = z.object({ state: z.enum(['all', 'active', 'disabled']).default('all') });
export type AdminDeviceTokensQuery = z.infer<typeof adminDeviceTokensQuerySchema>;

/** A token as the admin page shows it: whose it is, besides its push state. */
export interface AdminDeviceTokenView extends DeviceTokenView {
  userId: string;
  userEmail: string;
}

export interface AdminDeviceTokenList {
  /** The most recently changed first, at most ADMIN_DEVICE_TOKENS_LIMIT of those matching. */
  tokens: AdminDeviceTokenView[];
  counts: { active: number; disabled: number };
}

export const ADMIN_DEVICE_TOKENS_LIMIT = 200;
