import { openEventStream } from '@/lib/server/platform/realtime/stream';

export const dynamic = 'force-dynamic';

// GET /api/events?deviceId=… – this device's server-sent event stream (cookie or Bearer)
export const GET = openEventStream;
