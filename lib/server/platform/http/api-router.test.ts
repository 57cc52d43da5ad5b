import { describe, expect, it } from 'vitest';
import { createApiRouter, type RouteHandler } from './api-router';

const handler = (name: string): RouteHandler => Object.assign(async () => new Response(name), { label: name });
const label = (h: RouteHandler | undefined) => (h as unknown as { label: string } | undefined)?.label;

const router = createApiRouter([
  { pattern: '/api/books/[id]', module: { PATCH: handler('book'), DELETE: handler('book-delete') } },
  { pattern: '/api/books/counts', module: { GET: handler('counts') } },
  { pattern: '/api/books', module: { GET: handler('books'), POST: handler('books-create') } },
  { pattern: '/api/files/[...path]', module: { GET: handler('files') } },
  { pattern: '/api/docs/[[...slug]]', module: { GET: handler('docs') } },
  { pattern: '/api/books/[id]/sessions', module: { POST: handler('sessions') } },
  { pattern: '/api/[area]/counts', module: { GET: handler('area-counts') } },
  { pattern: '/api/misc', module: { GET: handler('misc'), dynamic: 'force-dynamic', helper: () => null } },
]);

describe('createApiRouter', () => {
  it('finds the handler for a method and path, with the dynamic segments decoded', () => {
    expect(label(router.match('GET', '/api/books')?.handler)).toBe('books');
    expect(label(router.match('POST', '/api/books')?.handler)).toBe('books-create');
    const book = router.match('PATCH', '/api/books/b%201');
    expect(label(book?.handler)).toBe('book');
    expect(book?.params).toEqual({ id: 'b 1' });
    expect(book?.pattern).toBe('/api/books/[id]');
    expect(router.match('POST', '/api/books/b1/sessions')?.params).toEqual({ id: 'b1' });
  });

  it('prefers a static segment to a dynamic one, as Next does, whichever was listed first', () => {
    expect(label(router.match('GET', '/api/books/counts')?.handler)).toBe('counts');
    // The more specific route wins even when only the other one has the method: Next answers 405 then.
    expect(router.match('DELETE', '/api/books/counts')).toBeNull();
    expect(label(router.match('GET', '/api/tasks/counts')?.handler)).toBe('area-counts');
    expect(router.match('GET', '/api/tasks/counts')?.params).toEqual({ area: 'tasks' });
  });

  it('matches catch-all segments, optional ones also with nothing', () => {
    expect(router.match('GET', '/api/files/a/b%2Ec')?.params).toEqual({ path: ['a', 'b.c'] });
    expect(router.match('GET', '/api/files')).toBeNull();
    expect(router.match('GET', '/api/docs')?.params).toEqual({});
    expect(router.match('GET', '/api/docs/x/y')?.params).toEqual({ slug: ['x', 'y'] });
  });

  it('leaves to Next whatever Next would do more than call a handler for', () => {
    // Methods the module does not export: Next's automatic HEAD and OPTIONS, and its 405.
    for (const method of ['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'TRACE']) expect(router.match(method, '/api/books')).toBeNull();
    // Paths Next normalises, redirects or refuses.
    for (const path of [
      '/api/books/',
      '/api//books',
      '/api/./books',
      '/api/books/..',
      '/api/books/a%2Fb/sessions',
      '/api/books/%E0%A4%A',
      '/api/books/a b',
      '/api/books?x=1',
      'api/books',
      '/api/nope',
      '/api/books/b1/sessions/extra',
    ]) {
      expect(router.match('GET', path), path).toBeNull();
      expect(router.match('PATCH', path), path).toBeNull();
    }
    // Other exports of a route module (segment config, helpers) are not handlers.
    expect(router.match('GET', '/api/misc')).not.toBeNull();
    expect(router.patterns).toContain('/api/misc');
  });

  it('resolves what npm start does with a request: serve it, hand it to Next by name, or refuse it', () => {
    const withNext = createApiRouter([
      { pattern: '/api/books/[id]', module: { PATCH: handler('book'), DELETE: handler('book-delete') } },
      { pattern: '/api/auth/[...nextauth]', module: { GET: handler('auth'), POST: handler('auth') }, servedByNext: true },
    ]);
    expect(withNext.resolve('PATCH', '/api/books/b1')).toMatchObject({ kind: 'serve', pattern: '/api/books/[id]', params: { id: 'b1' } });
    expect(withNext.resolve('POST', '/api/auth/callback/credentials')).toEqual({ kind: 'next', pattern: '/api/auth/[...nextauth]' });
    expect(withNext.resolve('OPTIONS', '/api/books/b1')).toEqual({ kind: 'next', pattern: '/api/books/[id]' });
    const refused = withNext.resolve('TRACE', '/api/books/b1');
    expect(refused).toMatchObject({
      kind: 'refuse',
      pattern: '/api/books/[id]',
      error: { code: 'method_not_allowed', headers: { Allow: 'DELETE, OPTIONS, PATCH' } },
    });
    // No GET, so no automatic HEAD either.
    expect(withNext.resolve('HEAD', '/api/books/b1')).toMatchObject({ kind: 'refuse' });
    expect(withNext.resolve('PATCH', '/api/books/%ff')).toMatchObject({ kind: 'refuse', error: { code: 'bad_request' } });
    expect(withNext.resolve('PATCH', '/api/books/')).toBeNull();
    expect(withNext.resolve('GET', '/api/nope')).toBeNull();
  });

  it('names the route a path reaches whatever the method, as Next would pick it', () => {
    expect(router.routeOf('/api/books/books/sessions')).toBe('/api/books/[id]/sessions');
    expect(router.routeOf('/api/books/counts')).toBe('/api/books/counts');
    expect(router.routeOf('/api/files/a/b')).toBe('/api/files/[...path]');
    expect(router.routeOf('/api/books/caf%C3%A9')).toBe('/api/books/[id]');
    expect(router.routeOf('/api/nope')).toBeNull();
  });
});
