import { openEventStream } from '@/lib/server/platform/realtime/stream';

// GET /api/events?deviceId=… – this device's server-sent event stream (cookie or Bearer). No segment
// config: route handlers are dynamic by default (Next 15+), and npm start serves this path itself (decision 025).
export const GET = openEventStream;
