import 'server-only';
import NextAuth from 'next-auth';
import { config } from '@/lib/server/platform/config';
import { json } from '@/lib/server/platform/http/respond';
import { clientIp } from '@/lib/server/platform/auth/client-ip';
import { loginLimit } from '@/lib/server/platform/auth/login-limit';
import { authOptions } from './auth-options';

type Segment = { params: Promise<{ nextauth: string[] }> };

let handler: ReturnType<typeof NextAuth> | undefined;

function nextAuth() {
  // Without NEXTAUTH_URL next-auth v4 assumes http://localhost:3000 for its redirects; trusting
  // the Host header (which Next sets from the request) makes sign-in work on any PORT.
  if (!config().NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';
  handler ??= NextAuth(authOptions());
  return handler;
}

/** A sign-in form holds an email, a password (≤ 200 characters) and a CSRF token: far less than this. */
const MAX_SIGN_IN_BODY = 16 * 1024;

async function rateLimited(req: Request): Promise<Response | null> {
  if (!new URL(req.url).pathname.endsWith('/callback/credentials')) return null;
  // The form is read before next-auth sees it, so its size is checked first (a browser always sends the length).
  const declared = req.headers.get('content-length');
  if (declared === null) {
    return json(
      { error: { code: 'length_required', message: 'A sign-in request must declare its Content-Length' } },
      { status: 411, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  if (!(Number(declared) <= MAX_SIGN_IN_BODY)) {
    return json(
      { error: { code: 'payload_too_large', message: `A sign-in request must stay under ${MAX_SIGN_IN_BODY} bytes` } },
      { status: 413, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  // The same account key as authorize() uses: spaces around the address do not dodge the limit.
  const email = String(form?.get('email') ?? '').trim();
  const retryAfter = loginLimit.retryAfter(email, clientIp(req.headers));
  if (retryAfter === 0) return null;
  return json(
    { error: { code: 'rate_limited', message: `Too many failed sign-ins. Try again in ${retryAfter} s.` } },
    { status: 429, headers: { 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' } },
  );
}

export async function GET(req: Request, segment: Segment): Promise<Response> {
  return nextAuth()(req, segment);
}

export async function POST(req: Request, segment: Segment): Promise<Response> {
  return (await rateLimited(req)) ?? nextAuth()(req, segment);
}
