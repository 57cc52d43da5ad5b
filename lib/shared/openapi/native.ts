import type { z } from 'zod';
import { accountPaths, deleteAccountOperation } from './account';
import { AUTH_FAILURES, BEARER, body, failure, jsonSchema, NOT_MODIFIED, ok, schemas, SESSION, tagged, type JsonSchema } from './components';
import { pageQuerySchema } from '../schemas/fields';
import { focusSessionsQuerySchema } from '../schemas/focus';
import { rangeQuerySchema } from '../schemas/mood';
import { plannerEventsQuerySchema } from '../schemas/planner';
import { MAX_UPLOAD_CHANGES, SYNC_ENTITY_TYPES, syncDownloadQuerySchema } from '../schemas/records-sync';

export { dataSchemaName, type JsonSchema } from './components';

// The OpenAPI 3.1 document of the native API (its schemas: components.ts). Served at
// GET /api/v1/openapi.json and rendered on /settings/api-docs.

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; headers?: Record<string, { description: string; schema: JsonSchema }>; content?: Record<string, { schema: JsonSchema }> }
  >;
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: { securitySchemes: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
}

function queryParameters(schema: z.ZodType): OpenApiParameter[] {
  const object = jsonSchema(schema) as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties).map(([name, { description, ...rest }]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    description: description as string | undefined,
    schema: rest,
  }));
}

const idParameter = (what: string): OpenApiParameter => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what} id.`,
  schema: { type: 'string' },
});

const DESCRIPTION = `Native clients (iOS, macOS, desktop, CLI) sync the record domains with the server.

1. A signed-in user creates an API key on /settings (or \`npm run cli -- apikey:create\`). Send it as \`Authorization: Bearer pos_…\`, never in a URL (that is a 400).
2. Register the device once with POST /api/devices and keep its id.
3. Sync: upload local changes (last write wins on \`updatedAt\`; conflicts come back with the server's version), then download since your cursor until \`hasMore\` is false. The cursor is the server's version number, never a clock.

Entity types: ${SYNC_ENTITY_TYPES.join(', ')}.`;

const keysOp = tagged('API keys', SESSION);
const devicesOp = tagged('Devices', BEARER, SESSION);
const syncOp = tagged('Record sync', BEARER, SESSION);
const accountOp = tagged('Account', BEARER, SESSION);
const realtimeOp = tagged('Realtime', BEARER, SESSION);
const listOp = tagged('Lists', BEARER, SESSION);

const LINK_HEADER = {
  Link: {
    description: 'Present when the list was cut at `limit`: `<url of the next page>; rel="next"` (RFC 8288). Follow it until it is absent.',
    schema: { type: 'string' },
  },
};

/** The paged lists of the web pages, each with its query (the route's own schema) and the Link header. */
function listPaths(): OpenApiDocument['paths'] {
  const lists: [path: string, id: string, summary: string, query: z.ZodType][] = [
    ['/api/books', 'listBooks', 'Books, most recently added first, with reading totals', pageQuerySchema],
    ['/api/quests', 'listQuests', 'Quests, newest first, with total XP', pageQuerySchema],
    ['/api/planner/events', 'listPlannerEvents', 'Events overlapping [from, to), earliest first', plannerEventsQuerySchema],
    ['/api/focus/sessions', 'listFocusSessions', 'Ended focus sessions started in [from, to), newest first', focusSessionsQuerySchema],
    ['/api/mood/entries', 'listMoodEntries', 'Mood entries recorded in [from, to), newest first', rangeQuerySchema],
    ['/api/mood/assessments', 'listAssessments', 'Check-in results, newest first (pages of 100 by default)', pageQuerySchema],
  ];
  return Object.fromEntries(
    lists.map(([path, operationId, summary, query]) => [
      path,
      {
        get: listOp({
          operationId,
          summary,
          parameters: queryParameters(query),
          responses: {
            '200': { description: 'One page', headers: LINK_HEADER, content: { 'application/json': { schema: { type: ['object', 'array'] } } } },
            ...NOT_MODIFIED,
            ...AUTH_FAILURES,
          },
        }),
      },
    ]),
  );
}

/** The whole document; `version` is the app's version. */
/** The optional header every write honours (decision 042), and what a misused key answers. */
export const IDEMPOTENCY_KEY_PARAMETER: OpenApiParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'One fresh key per change (a UUID). A repeat with the same key within 24 hours gets the first answer again — same status and body, ' +
    'header `Idempotent-Replayed: true` — and writes nothing; retry a request whose answer was lost with the same key. Keys are per user; ' +
    '8–128 characters of letters, digits and `-_.:` (400 otherwise).',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
};

/** Adds the Idempotency-Key header and its 409/422 answers to every POST, PATCH and DELETE. */
function withIdempotency(paths: OpenApiDocument['paths']): OpenApiDocument['paths'] {
  for (const item of Object.values(paths)) {
    for (const method of ['post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY_PARAMETER];
      operation.responses['409'] ??= failure('Conflict, or the first request with this Idempotency-Key is still running (see Retry-After)');
      operation.responses['422'] = failure('This Idempotency-Key was used for a different request');
    }
  }
  return paths;
}

export function nativeOpenApi(version = 'v1'): OpenApiDocument {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: 'Passion OS native API', version, description: DESCRIPTION },
    servers: [{ url: '/' }],
    tags: [
      { name: 'API keys', description: 'Managed from a signed-in browser session only: a key cannot mint keys.' },
      { name: 'Devices', description: 'Every record-sync request names one of the caller’s devices.' },
      { name: 'Record sync', description: 'Last-write-wins upload and cursor-paged download of the record domains.' },
      {
        name: 'Account',
        description:
          'Who the key or session belongs to (`configure` checks a key with it). Changing the password, deleting the account and managing sessions take a signed-in browser: an API key gets 403.',
      },
      { name: 'Realtime', description: 'A server-sent event stream that says when to sync: a hint, never the data.' },
      { name: 'Lists', description: 'The web pages’ lists, paged: a page that is not the last carries `Link: <…>; rel="next"`.' },
    ],
    paths: withIdempotency({
      '/api/api-keys': {
        get: keysOp({
          operationId: 'listApiKeys',
          summary: 'List API keys',
          responses: {
            '200': ok('ApiKeyList'),
            ...NOT_MODIFIED,
            ...AUTH_FAILURES,
            '403': failure('Called with an API key'),
          },
        }),
        post: keysOp({
          operationId: 'createApiKey',
          summary: 'Create an API key',
          description: 'The answer holds the whole key; it is stored only as a hash and never shown again.',
          requestBody: body('ApiKeyCreate'),
          responses: { '201': ok('ApiKeyCreated', 'Created'), ...AUTH_FAILURES, '403': failure('Called with an API key, or cross-site') },
        }),
      },
      '/api/api-keys/{id}': {
        delete: keysOp({
          operationId: 'revokeApiKey',
          summary: 'Revoke an API key',
          description: 'Requests with it get 401 from now on. Revoking twice changes nothing.',
          parameters: [idParameter('API key')],
          responses: { '200': ok('ApiKey'), ...AUTH_FAILURES, '403': failure('Called with an API key'), '404': failure('No such key of yours') },
        }),
      },
      '/api/devices': {
        get: devicesOp({
          operationId: 'listDevices',
          summary: 'List devices',
          responses: { '200': ok('DeviceList'), ...NOT_MODIFIED, ...AUTH_FAILURES },
        }),
        post: devicesOp({
          operationId: 'registerDevice',
          summary: 'Register a device',
          requestBody: body('DeviceCreate'),
          responses: { '201': ok('Device', 'Created'), ...AUTH_FAILURES },
        }),
      },
      '/api/devices/{id}': {
        patch: devicesOp({
          operationId: 'renameDevice',
          summary: 'Rename a device',
          parameters: [idParameter('device')],
          requestBody: body('DevicePatch'),
          responses: { '200': ok('Device'), ...AUTH_FAILURES, '404': failure('No such device of yours') },
        }),
        delete: devicesOp({
          operationId: 'removeDevice',
          summary: 'Remove a device',
          description: 'A soft delete: its record-sync requests get 404 until it registers again.',
          parameters: [idParameter('device')],
          responses: { '200': ok('DeviceRemoved'), ...AUTH_FAILURES, '404': failure('No such device of yours') },
        }),
      },
      '/api/v1/sync/upload': {
        post: syncOp({
          operationId: 'uploadChanges',
          summary: 'Upload record changes',
          description: `Per change, the newer \`updatedAt\` wins; at equal times a delete beats an edit, then the larger canonical JSON of \`data\` (keys sorted). A change the server already holds (a retry) is acknowledged in \`applied\` without writing. The web's rules apply: deleting a book or a habit deletes its reading sessions or logs (downloaded as tombstones), a live version of a record whose book or habit is deleted comes back as a conflict with its tombstone, and a habit log after the user's today or a mood entry adding activities that are not the user's is refused. The whole batch is one transaction: any rejected change rejects all, with a 400/403/409 naming it (\`changes[i]\`), so a client can set it aside and send the rest. The device is checked first. At most ${MAX_UPLOAD_CHANGES} changes and 1 MiB per request.`,
          requestBody: body('SyncUploadRequest'),
          responses: {
            '200': ok('SyncUploadResult'),
            ...AUTH_FAILURES,
            '403': failure('The device, or a record named by a change, belongs to another account'),
            '404': failure('Unknown or removed device'),
            '409': failure('A change would give a record the unique fields of another one'),
            '413': failure(`More than ${MAX_UPLOAD_CHANGES} changes, or a body over 1 MiB`),
          },
        }),
      },
      '/api/v1/sync/download': {
        get: syncOp({
          operationId: 'downloadChanges',
          summary: 'Download record changes since a cursor',
          description: 'Every record of every entity type changed after `since` (web edits included), in server-version order.',
          parameters: queryParameters(syncDownloadQuerySchema),
          responses: {
            '200': ok('SyncDownloadResult'),
            ...AUTH_FAILURES,
            '403': failure('The device belongs to another account'),
            '404': failure('Unknown or removed device'),
            '410': failure('The cursor is ahead of the server (restored data): download again from 0'),
          },
        }),
      },
      '/api/me': {
        get: accountOp({
          operationId: 'getProfile',
          summary: 'The caller’s profile',
          description: 'Conditional: answers If-None-Match with 304 while the profile is unchanged.',
          responses: { '200': ok('Profile'), ...NOT_MODIFIED, ...AUTH_FAILURES },
        }),
        patch: accountOp({
          operationId: 'updateProfile',
          summary: 'Change name and/or time zone',
          description: 'The time zone decides the user’s "today" (habit logs after it are refused).',
          requestBody: body('ProfilePatch'),
          responses: { '200': ok('Profile'), ...AUTH_FAILURES },
        }),
        delete: deleteAccountOperation(),
      },
      '/api/me/export': {
        get: accountOp({
          operationId: 'exportAccount',
          summary: 'Download all of the caller’s data as a ZIP',
          description:
            'A ZIP streamed as it is written: `README.txt` (what each file holds), `json/` with one file per domain (account, tasks, focus, plan, planner, quests, habits, books, mood, devices) and `csv/` with one RFC 4180 file per table. Tasks as they stand (not the op log); deleted records left out; never a password hash, an API key or a whole push token. Not conditional: every call reads everything again, so call it when the user asks for a copy, not to sync.',
          responses: {
            '200': {
              description:
                'The archive, `Content-Disposition: attachment; filename="passion-os-export-YYYY-MM-DD.zip"` (the day in the user’s time zone), `Cache-Control: no-store`.',
              content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
            },
            ...AUTH_FAILURES,
            '403': failure('A session request sent by another site'),
          },
        }),
      },
      ...accountPaths(),
      ...listPaths(),
      '/api/events': {
        get: realtimeOp({
          operationId: 'openEventStream',
          summary: 'Open this device’s event stream',
          description:
            'A `text/event-stream` that stays open: one `id:` + `data:` frame per change of the user’s data made elsewhere (each `data:` is an `EventData` JSON object), comment heartbeats every 15 s and a `retry:` hint. Events are hints — after one, or after any reconnect, download since your cursor. Reconnect with the `Last-Event-ID` header (or `lastEventId`): the events missed since are replayed, or one `resync` event says to refetch everything.',
          parameters: [
            {
              name: 'deviceId',
              in: 'query',
              required: true,
              description: 'This device (1–100 letters, digits, - or _); its own changes are not echoed to it.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' },
            },
            {
              name: 'deviceLabel',
              in: 'query',
              required: false,
              description: 'Shown in the device list while connected (at most 80 characters are kept).',
              schema: { type: 'string' },
            },
            {
              name: 'lastEventId',
              in: 'query',
              required: false,
              description: 'The last event id seen, for clients that cannot set headers.',
              schema: { type: 'string' },
            },
            {
              name: 'Last-Event-ID',
              in: 'header',
              required: false,
              description: 'The last event id seen (EventSource sends it when reconnecting).',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'The event stream; each `data:` line is an `EventData` object.',
              content: {
                'text/event-stream': {
                  schema: { type: 'string', description: 'Server-sent events (`id:`, `data:` with EventData JSON, `:` heartbeats, `retry:`).' },
                },
              },
            },
            ...AUTH_FAILURES,
          },
        }),
      },
    }),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'pos_<id>_<secret>', description: 'An API key from /settings.' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The web app’s session (same-origin requests only).' },
      },
      schemas: schemas(),
    },
  };
}
