import 'server-only';

/**
 * The client's address: the last X-Forwarded-For entry. Next sets the header to the socket
 * peer when it is absent, and a reverse proxy appends the peer it saw, so the last entry is
 * the hop we can vouch for. Exposed without a proxy, a client can spoof it (decision 004).
 */
export function clientIp(headers: Headers): string {
  const parts = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts[parts.length - 1] ?? 'unknown';
}
