import { z } from 'zod';
import type { OpenApiOperation } from './native';
import {
  apiKeyCreatedSchema,
  apiKeyCreateSchema,
  apiKeyListSchema,
  apiKeyViewSchema,
  connectedDeviceSchema,
  deviceCreateSchema,
  deviceListSchema,
  devicePatchSchema,
  deviceRemovedSchema,
  deviceViewSchema,
} from '../schemas/native';
import { profilePatchSchema, profileSchema } from '../schemas/profile';
import {
  accountDeletedSchema,
  accountDeleteSchema,
  passwordChangedSchema,
  passwordChangeSchema,
  sessionListSchema,
  sessionsEndedSchema,
} from '../schemas/sessions';
import {
  SYNC_ENTITY_TYPES,
  syncChangeSchema,
  syncConflictSchema,
  syncDataSchemas,
  syncDownloadChangeSchema,
  syncDownloadResultSchema,
  syncRecordSchema,
  syncUploadResultSchema,
  syncUploadSchema,
  type SyncEntityType,
} from '../schemas/records-sync';
import { opEnvelopeSchema } from '../schemas/oplog';

// The `components.schemas` of the native API's OpenAPI document (native.ts), generated from the zod
// schemas the server parses with (z.toJSONSchema, JSON Schema 2020-12 — OpenAPI 3.1's own dialect).

export type JsonSchema = { [key: string]: unknown };

/** A schema as it appears inside the document: what a request may send (`input`), without `$schema`. */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const BEARER = { bearer: [] };
export const SESSION = { session: [] };

/** The operations of one tag, each callable with these credentials. */
export function tagged(tag: string, ...security: Record<string, string[]>[]) {
  return ({ operationId, summary, description, ...rest }: Omit<OpenApiOperation, 'tags' | 'security'>): OpenApiOperation => ({
    operationId,
    summary,
    ...(description === undefined ? {} : { description }),
    tags: [tag],
    security,
    ...rest,
  });
}

/** A conditional GET's answer to a matching If-None-Match. */
export const NOT_MODIFIED = { '304': { description: 'Not modified (If-None-Match)' } };

export const body = (name: string) => ({ required: true as const, content: { 'application/json': { schema: ref(name) } } });
export const ok = (name: string, description = 'OK') => ({ description, content: { 'application/json': { schema: ref(name) } } });
export const failure = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

export const AUTH_FAILURES = {
  '400': failure('Invalid input, or an API key sent in the URL'),
  '401': failure('No credentials, or a malformed, unknown or revoked key'),
};
const pascal = (type: SyncEntityType) => type.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
export const dataSchemaName = (type: SyncEntityType) => `${pascal(type)}Data`;

const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('bad_request, validation_failed, unauthorized, forbidden, not_found, conflict, cursor_expired, payload_too_large, …'),
    message: z.string().describe('What went wrong, for a person; upload errors name the change, e.g. `changes[3]`.'),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional() })).optional(),
  }),
});

/** The `data:` line of one event of GET /api/events (lib/shared/realtime.ts, SseEvent); the `id:` line repeats `id`. */
const eventDataSchema = z.object({
  id: z.string().describe('Increasing per user (`<node>:<generation>:<seq>`); send it back as Last-Event-ID when reconnecting.'),
  channel: z.string().describe('`tasks`, `timer`, `calendar`, `changed` (any other scope) or `resync` (refetch everything).'),
  type: z.string().describe('e.g. `changed`, `started`, `stopped`, `event_updated`.'),
  payload: z.unknown().describe('Channel-specific; a hint only, never the data itself.'),
  sourceDeviceId: z.string().nullable().describe('The device the change came from (a stream never receives its own).'),
  timestamp: z.string().describe('ISO time of the change.'),
  changedScopes: z.array(z.string()).describe('The scopes the change touched: refetch what depends on them (for record sync: download).'),
  merged: z.number().int().optional().describe('How many changes the one-per-second throttle folded into this event.'),
});

export function schemas(): Record<string, JsonSchema> {
  const named: Record<string, z.ZodType> = {
    Error: errorSchema,
    ApiKeyCreate: apiKeyCreateSchema,
    ApiKey: apiKeyViewSchema,
    ApiKeyCreated: apiKeyCreatedSchema,
    ApiKeyList: apiKeyListSchema,
    DeviceCreate: deviceCreateSchema,
    DevicePatch: devicePatchSchema,
    Device: deviceViewSchema,
    ConnectedDevice: connectedDeviceSchema,
    DeviceList: deviceListSchema,
    DeviceRemoved: deviceRemovedSchema,
    SyncChange: syncChangeSchema,
    SyncUploadRequest: syncUploadSchema,
    SyncUploadResult: syncUploadResultSchema,
    SyncRecord: syncRecordSchema,
    SyncConflict: syncConflictSchema,
    SyncDownloadChange: syncDownloadChangeSchema,
    SyncDownloadResult: syncDownloadResultSchema,
    Profile: profileSchema,
    ProfilePatch: profilePatchSchema,
    PasswordChange: passwordChangeSchema,
    PasswordChanged: passwordChangedSchema,
    AccountDelete: accountDeleteSchema,
    AccountDeleted: accountDeletedSchema,
    SessionList: sessionListSchema,
    SessionsEnded: sessionsEndedSchema,
    EventData: eventDataSchema,
    // Tasks sync through the op log (docs/protocol-spec.md), not record sync: its ops, for native clients.
    TaskOp: opEnvelopeSchema.describe(
      'One task op as pushed to and pulled from the op log (docs/protocol-spec.md): registry ops for lists; list ops for tasks, their priority, due time (HH:MM in the user’s time zone), RFC 5545 repeat rule and reminder.',
    ),
  };
  const out = Object.fromEntries(Object.entries(named).map(([name, schema]) => [name, jsonSchema(schema)]));
  for (const type of SYNC_ENTITY_TYPES) {
    out[dataSchemaName(type)] = { ...jsonSchema(syncDataSchemas[type]), description: `\`data\` of a \`${type}\` record.` };
  }
  out.SyncChange = syncChangeVariants(out.SyncChange);
  return out;
}

/**
 * A change's `data` is the record of its entity type: one variant per type, told apart by
 * `entityType`, so a client (or a fuzzer) sees exactly what the server parses each change with.
 */
function syncChangeVariants(envelope: JsonSchema): JsonSchema {
  const properties = envelope.properties as Record<string, JsonSchema>;
  return {
    description: 'One record change. `data` is the whole record of its entity type; null (or ignored) when `deleted`.',
    oneOf: SYNC_ENTITY_TYPES.map((type) => ({
      ...envelope,
      title: `${pascal(type)}Change`,
      properties: {
        ...properties,
        entityType: { type: 'string', const: type, description: properties.entityType.description },
        data: { anyOf: [ref(dataSchemaName(type)), { type: 'null' }] },
      },
    })),
    discriminator: { propertyName: 'entityType' },
  };
}
