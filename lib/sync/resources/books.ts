import type { BookList } from '@/lib/shared/schemas/books';
import { defineResource, itemUrl } from './resource';

export const BOOKS_URL = '/api/books';

export const bookList = defineResource<BookList>({ key: ['books', 'list'], url: () => BOOKS_URL, contract: 'books', scopes: ['books'] });

export const bookUrl = (id: string, action: '' | '/sessions' | '/complete' | '/reopen' = '') => itemUrl(BOOKS_URL, id, action);
