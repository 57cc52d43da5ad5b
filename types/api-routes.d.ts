// The module scripts/build-server.mjs generates for the server bundle (scripts/api-routes.mjs).
declare module 'passion:api-routes' {
  import type { ApiRouteEntry } from '@/lib/server/platform/http/api-router';

  export const apiRoutes: ApiRouteEntry[];
}
