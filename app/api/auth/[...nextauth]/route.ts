// GET/POST /api/auth/* – next-auth (credentials sign-in with a failed-login rate limit, session, sign-out)
export { GET, POST } from '@/lib/server/domains/account/nextauth-route';
