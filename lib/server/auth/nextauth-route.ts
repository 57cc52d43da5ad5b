import 'server-only';
import NextAuth from 'next-auth';
import { config } from '../config';
import { json } from '../http/respond';
import { clientIp } from './client-ip';
import { loginLimit } from './login-limit';
import { authOptions } from './options';

type Segment = { params: Promise<{ nextauth: string[] }> };

let handler: ReturnType<typeof NextAuth> | undefined;

function nextAuth() {
  // Without NEXTAUTH_URL next-auth v4 assumes http://localhost:3000 for its redirects; trusting
  // the Host header (which Next sets from the request) makes sign-in work on any PORT.
  if (!config().NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';
  handler ??= NextAuth(authOptions());
  return handler;
}

async function rateLimited(req: Request): Promise<Response | null> {
  if (!new URL(req.url).pathname.endsWith('/callback/credentials')) return null;
  const form = await req.clone().formData().catch(() => null);
  const email = String(form?.get('email') ?? '');
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
