import { AUTH_FAILURES, body, failure, ok, SESSION, tagged } from './components';
import type { OpenApiDocument, OpenApiOperation } from './native';

// The account's own verbs: what a browser session may do and an API key may not (a stolen key must
// not be enough to lock the owner out or erase their data). Documented for completeness; native
// clients send the user to the web app for them.

const SESSION_ONLY = "A signed-in browser's session only: an API key gets 403, as does a cross-site request.";

const WRONG_PASSWORD = {
  '403': failure('Not the current password, an API key, or a cross-site request: nothing changed'),
  '429': {
    description: 'Too many wrong passwords (the sign-in limits): wait `Retry-After` seconds',
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

/** The account's verbs: a browser session only. */
const sessionOp = tagged('Account', SESSION);

export function deleteAccountOperation(): OpenApiOperation {
  return sessionOp({
    operationId: 'deleteAccount',
    summary: 'Delete the account and all its data',
    description: `Confirmed with the current password. Every row of the user in every table goes (the op log and its snapshots included); keys and sessions stop at once, the user's event streams close and the browser's session cookie is cleared. The server's only admin cannot delete their own account (409). ${SESSION_ONLY}`,
    requestBody: body('AccountDelete'),
    responses: { '200': ok('AccountDeleted'), ...AUTH_FAILURES, ...WRONG_PASSWORD, '409': failure('The last admin of the server') },
  });
}

export function accountPaths(): OpenApiDocument['paths'] {
  return {
    '/api/me/password': {
      post: sessionOp({
        operationId: 'changePassword',
        summary: 'Change the password',
        description: `The new password follows sign-up's rules. Every other session of the account is signed out; this one stays. ${SESSION_ONLY}`,
        requestBody: body('PasswordChange'),
        responses: { '200': ok('PasswordChanged'), ...AUTH_FAILURES, ...WRONG_PASSWORD },
      }),
    },
    '/api/me/sessions': {
      get: sessionOp({
        operationId: 'listSessions',
        summary: 'Where the account is signed in',
        description: `The browser sessions, this one first and marked \`current\`. ${SESSION_ONLY}`,
        responses: { '200': ok('SessionList'), ...AUTH_FAILURES, '403': failure('An API key') },
      }),
      delete: sessionOp({
        operationId: 'endOtherSessions',
        summary: 'Sign out everywhere else',
        description: `Ends every session of the account but this one. ${SESSION_ONLY}`,
        responses: { '200': ok('SessionsEnded'), ...AUTH_FAILURES, '403': failure('An API key, or a cross-site request') },
      }),
    },
    '/api/me/sessions/{id}': {
      delete: sessionOp({
        operationId: 'endSession',
        summary: 'Sign one session out',
        description: `Its next request answers 401 and its event stream closes. ${SESSION_ONLY}`,
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The session id.', schema: { type: 'string' } }],
        responses: {
          '200': ok('SessionsEnded'),
          ...AUTH_FAILURES,
          '403': failure('An API key, or a cross-site request'),
          '404': failure('No such session of this account'),
        },
      }),
    },
  };
}
