import 'server-only';
import { syncEntity } from '@/lib/server/platform/records-sync/registry';
import { books, readingSessions } from './schema';
import { deleteReadingSessionsOf } from './service';

/** Books and their reading sessions for native sync: a book's delete takes its sessions, as on the web. */
export const bookSyncEntities = [
  syncEntity('books', books, ['books', 'progress'], { onDelete: deleteReadingSessionsOf }),
  syncEntity('reading_sessions', readingSessions, ['books', 'progress'], { parent: { entityType: 'books', field: 'bookId' } }),
];
