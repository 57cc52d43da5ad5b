import { route } from '@/lib/server/platform/http/route';
import { termsOfCaller } from '@/lib/server/domains/terms/service';

// GET /api/tos – the current terms (newest published version, else the built-in one) and whether the caller has accepted them
export const GET = route({ read: termsOfCaller });
