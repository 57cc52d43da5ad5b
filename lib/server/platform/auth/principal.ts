import 'server-only';
import { API_KEY_PATTERN } from '@/lib/shared/schemas/native';
import { getDb } from '@/lib/server/platform/db/client';
import { sqlValues } from '@/lib/server/platform/db/statements';
import { badRequest } from '@/lib/server/platform/errors';
import { authenticateApiKey } from './api-keys';
import { authSecret } from './secret';
import { sessionTokenFrom } from './cookies';
import { sessionTokens } from './session-token';
import { markSessionSeen, sessionIsLive } from './sessions';

export interface Principal {
  userId: string;
  role: 'user' | 'admin';
  /** How the caller proved who they are: a browser session cookie or a native API key. */
  via: 'session' | 'apikey';
  /** Stable id of the browser session (set at sign-in); realtime streams close when it ends. */
  sessionId?: string;
  /** Records "last seen/used" of the credential; run once the request has succeeded (a refusal writes nothing). */
  markSeen?: () => Promise<void>;
  /** When the credential stops being valid (ms), if it expires. */
  expiresAt?: number;
  /** The API key used, when `via` is `apikey`. */
  apiKeyId?: string;
}

const KEY_PARAMS = new Set(['api_key', 'apikey', 'key', 'token', 'access_token']);
/** A whole key (`pos_<id>_<secret>`, API_KEY_PATTERN) anywhere in a value: ordinary text never holds 43 random characters after the id. */
const KEY_IN_TEXT = new RegExp(API_KEY_PATTERN.source.replace(/^\^|\$$/g, ''));

/** A value that is an API key, or an attempt at one in a parameter named like a credential. */
function looksLikeKeyInQuery(name: string, value: string): boolean {
  return KEY_IN_TEXT.test(value) || (KEY_PARAMS.has(name.toLowerCase()) && value.startsWith('pos_'));
}

/**
 * Keys in URLs end up in proxy logs, browser history and Referer headers, so a key sent that
 * way is refused loudly (400) rather than ignored: the client must be fixed, and the key rotated.
 */
function refuseKeyInQuery(req: Request): void {
  for (const [name, value] of new URL(req.url).searchParams) {
    if (looksLikeKeyInQuery(name, value)) {
      throw badRequest(
        `Send the API key in the Authorization header ("Authorization: Bearer pos_…"), never in the URL (query parameter "${name}"); consider this key leaked and revoke it`,
      );
    }
  }
}

async function fromApiKey(authorization: string): Promise<Principal | null> {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization);
  const owner = match ? await authenticateApiKey(match[1]) : null;
  return owner && { userId: owner.userId, role: owner.role, via: 'apikey', apiKeyId: owner.keyId, markSeen: owner.markUsed };
}

async function fromSession(req: Request): Promise<Principal | null> {
  const token = sessionTokenFrom(req.headers);
  if (!token) return null;
  let jwt;
  try {
    jwt = await sessionTokens().decode(token, authSecret());
  } catch {
    return null;
  }
  if (!jwt?.sub || typeof jwt.sid !== 'string') return null;
  // One primary-key read: a disabled account stops at once and a role change applies at once,
  // instead of living on in a JWT for up to 30 days; and a signed-out session stops with its row.
  // Plain SQL text: every request with a session runs it (decision 070).
  const [account] = await sqlValues<['user' | 'admin', number | null]>(getDb(), 'select role, disabled_at from users where id = ?', [jwt.sub]);
  if (!account || account[1] !== null) return null;
  if (!(await sessionIsLive(jwt.sub, jwt.sid))) return null;
  return {
    userId: jwt.sub,
    role: account[0],
    via: 'session',
    sessionId: jwt.sid,
    markSeen: () => markSessionSeen(jwt.sid as string),
    expiresAt: typeof jwt.exp === 'number' ? jwt.exp * 1000 : undefined,
  };
}

/**
 * Who is calling: a Bearer API key when an Authorization header is present, else the next-auth
 * session cookie; null when nobody is. A present but bad Authorization header is null even with
 * a valid cookie, so a broken native client never silently acts through a browser session.
 */
export async function resolvePrincipal(req: Request): Promise<Principal | null> {
  refuseKeyInQuery(req);
  const authorization = req.headers.get('authorization');
  if (authorization !== null) return fromApiKey(authorization);
  return fromSession(req);
}
