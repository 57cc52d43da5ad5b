import { openExport } from '@/lib/server/domains/export/service';
import { assertNotCrossSite } from '@/lib/server/platform/http/csrf';
import { route, serviceContext } from '@/lib/server/platform/http/route';

// GET /api/me/export – everything of the caller's as a ZIP (README.txt, json/, csv/), streamed (session or API key, decision 040)
export const GET = route({}, async (ctx) => {
  if (ctx.principal.via === 'session') assertNotCrossSite(ctx.req);
  const { filename, body } = await openExport(serviceContext(ctx));
  return new Response(body, {
    headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
});
