import 'server-only';
import NextAuth from 'next-auth';
import { config } from '@/lib/server/platform/config';
import { errorResponse } from '@/lib/server/platform/http/respond';
import { AppError } from '@/lib/server/platform/errors';
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
    return errorResponse(new AppError('length_required', 'A sign-in request must declare its Content-Length'));
  }
  if (!(Number(declared) <= MAX_SIGN_IN_BODY)) {
    return errorResponse(new AppError('payload_too_large', `A sign-in request must stay under ${MAX_SIGN_IN_BODY} bytes`));
  }
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  // The same account key as authorize() uses: spaces around the address do not dodge the limit.
  const email = String(form?.get('email') ?? '').trim();
  const retryAfter = loginLimit.retryAfter(email, clientIp(req.headers));
  if (retryAfter === 0) return null;
  return errorResponse(
    new AppError('rate_limited', `Too many failed sign-ins. Try again in ${retryAfter} s.`, undefined, { 'Retry-After': String(retryAfter) }),
  );
}

export async function GET(req: Request, segment: Segment): Promise<Response> {
  return nextAuth()(req, segment);
}

export async function POST(req: Request, segment: Segment): Promise<Response> {
  return (await rateLimited(req)) ?? nextAuth()(req, segment);
}
