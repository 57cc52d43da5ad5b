import { route } from '@/lib/server/platform/http/route';
import { downloadToDevice } from '@/lib/server/domains/devices/record-sync';
import { syncDownloadQuerySchema } from '@/lib/shared/schemas/records-sync';

// GET /api/v1/sync/download?deviceId&since&limit – the records changed after the cursor `since`, in server-version
// order, web edits included. Not conditional: it is a delta already, and the device check must run every time.
export const GET = route({ query: syncDownloadQuerySchema }, ({ principal, query }) =>
  downloadToDevice({ userId: principal.userId, deviceId: query.deviceId }, query),
);
