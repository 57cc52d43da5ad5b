import { route } from '@/lib/server/platform/http/route';
import { uploadFromDevice } from '@/lib/server/domains/devices/record-sync';
import { syncUploadSchema } from '@/lib/shared/schemas/records-sync';

// POST /api/v1/sync/upload – apply a native client's record changes, last write wins on updatedAt, in one
// transaction ({deviceId, changes: [{entityType, id, data, updatedAt, deleted}], clientCursor?})
export const POST = route({ body: syncUploadSchema }, ({ principal, body }) => uploadFromDevice({ userId: principal.userId, deviceId: body.deviceId }, body));
