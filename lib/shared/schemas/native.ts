import { z } from 'zod';
import { text } from './fields';

// API keys and devices of native clients (DESIGN.md "Native clients"). Responses are schemas too,
// so the OpenAPI document (lib/shared/openapi/native.ts) is generated from the same source.

/** `pos_<id>_<secret>`: a 12-character lookup id (base32) and 256 random bits (base64url). */
export const API_KEY_PATTERN = /^pos_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

const label = (what: string) => text().trim().min(1, `Name the ${what}`).max(100, 'Use at most 100 characters');
const instant = z.number().int().min(0);

export const apiKeyCreateSchema = z.strictObject({
  label: label('key').describe('What the key is for, e.g. "MacBook CLI".'),
});
export type ApiKeyCreateInput = z.infer<typeof apiKeyCreateSchema>;

export const apiKeyViewSchema = z.object({
  id: z.string().describe('The lookup id: the 12 characters after `pos_`.'),
  label: z.string(),
  prefix: z.string().describe('The start of the key (`pos_<id>`), to recognise it. The secret is never shown again.'),
  createdAt: instant,
  lastUsedAt: instant.nullable().describe('Kept to the minute.'),
  revokedAt: instant.nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

export const apiKeyCreatedSchema = z.object({
  key: z.string().regex(API_KEY_PATTERN).describe('The whole key, `pos_<id>_<secret>`: shown this once, stored only as a hash.'),
  apiKey: apiKeyViewSchema,
});
export type ApiKeyCreated = z.infer<typeof apiKeyCreatedSchema>;

export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeyViewSchema).describe('Newest first, revoked keys included.') });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

export const devicePlatformSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Name the platform')
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'Use a short platform name such as ios, macos, windows, linux, android or cli');

export const deviceCreateSchema = z.strictObject({
  label: label('device').describe('A name the user recognises, e.g. "Anna’s iPhone".'),
  platform: devicePlatformSchema.describe('ios, macos, windows, linux, android, cli, …'),
});
export type DeviceCreateInput = z.infer<typeof deviceCreateSchema>;

export const devicePatchSchema = z.strictObject({ label: label('device') });
export type DevicePatchInput = z.infer<typeof devicePatchSchema>;

export const deviceViewSchema = z.object({
  id: z.guid().describe('Send it as `deviceId` with every record-sync request.'),
  label: z.string(),
  platform: z.string(),
  createdAt: instant,
  updatedAt: instant,
  lastSeenAt: instant.nullable().describe('The last authenticated sync request from it, kept to the minute.'),
  connected: z.boolean().describe('It holds a realtime stream (GET /api/events) on the node that answered.'),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const connectedDeviceSchema = z.object({ deviceId: z.string(), label: z.string(), connectedAt: instant });

export const deviceListSchema = z.object({
  devices: z.array(deviceViewSchema).describe('Oldest first.'),
  otherConnections: z.array(connectedDeviceSchema).describe('Realtime streams whose device id is not a registered device (browsers, mostly).'),
});
export type DeviceList = z.infer<typeof deviceListSchema>;

export const deviceRemovedSchema = z.object({ id: z.guid(), deletedAt: instant });
export type DeviceRemoved = z.infer<typeof deviceRemovedSchema>;
