import type { RefreshKey } from '../contracts';

export const BOOKS_REFRESH_KEY: RefreshKey = 'books';
export const BOOKS_URL = '/api/books';

/** Every book query is keyed by the signed-in user, so no two users ever share a cache entry. */
export const bookKeys = {
  all: (userId: string) => ['books', userId] as const,
  list: (userId: string) => ['books', userId, 'list'] as const,
};

export const bookUrl = (id: string, action: '' | '/sessions' | '/complete' | '/reopen' = '') => `${BOOKS_URL}/${encodeURIComponent(id)}${action}`;
