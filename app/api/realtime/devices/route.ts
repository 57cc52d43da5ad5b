import { route } from '@/lib/server/platform/http/route';
import { connectedDevices, getHub } from '@/lib/server/platform/realtime';

// GET /api/realtime/devices – the caller's devices with a live event stream on any node, and the number of the caller's streams on this node
export const GET = route({}, async ({ principal }) => ({
  devices: await connectedDevices(principal.userId),
  connections: getHub().connectionCount(principal.userId),
}));
