import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test file gets its own database file, migrated by the app's own start-up path.
const dir = mkdtempSync(join(tmpdir(), 'passion-test-'));
process.env.APP_ENV = 'test';
process.env.DATA_DIR = join(dir, 'data');
process.env.DATABASE_URL = `file:${join(dir, 'data', 'test.db')}`;
process.env.NEXTAUTH_SECRET = 'test-secret-test-secret-test-secret-0123456789';
delete process.env.NEXTAUTH_URL;
delete process.env.REDIS_URL;
