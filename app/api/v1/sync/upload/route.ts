import { route } from '@/lib/server/platform/http/route';
import { uploadChanges } from '@/lib/server/platform/records-sync/upload';
import { syncUploadSchema } from '@/lib/shared/schemas/records-sync';

// POST /api/v1/sync/upload – apply a native client's record changes, last write wins on updatedAt, in one
// transaction ({deviceId, changes: [{entityType, id, data, updatedAt, deleted}], clientCursor?})
export const POST = route({ body: syncUploadSchema }, ({ principal, body }) => uploadChanges({ userId: principal.userId, deviceId: body.deviceId }, body));
