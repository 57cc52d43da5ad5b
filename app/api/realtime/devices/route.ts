import { route } from '@/lib/server/http/route';
import { getHub } from '@/lib/server/realtime';

// GET /api/realtime/devices – the caller's devices with a live event stream on this node
export const GET = route({}, async ({ principal }) => {
  const hub = getHub();
  return { devices: hub.devices(principal.userId), connections: hub.connectionCount(principal.userId) };
});
