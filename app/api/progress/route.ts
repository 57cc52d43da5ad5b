import { route } from '@/lib/server/platform/http/route';
import { getProgress } from '@/lib/server/domains/progress/service';

/** Every UTC offset is a multiple of 15 minutes, so each user's local midnight starts a new quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;

// GET /api/progress – focus minutes per day, habit completion, quests, XP and reading over the last 30 local days
// (conditional on the scopes it reads, on `profile` for the time zone, and on the quarter hour: the window moves at midnight)
export const GET = route(
  { etag: () => ({ scopes: ['progress', 'focus', 'habits', 'quests', 'books', 'profile'], key: String(Math.floor(Date.now() / QUARTER_HOUR_MS)) }) },
  ({ principal, deviceId }) => getProgress({ userId: principal.userId, deviceId }),
);
