import 'server-only';
import { config } from '@/lib/server/platform/config';
import { logger } from '@/lib/server/platform/log';

/** The exit code of an injected crash, so a test can tell it from a real one. */
export const FAULT_EXIT_CODE = 86;

/**
 * Test-only (decision 008): with APP_ENV=test and FAULT_EXIT_AFTER_UPLOAD_COMMIT=1 the process dies
 * after an upload commits, before it answers. Read here, not in config.ts: a test hook, not a
 * setting, so it stays out of the operators' environment reference.
 */
export function exitIfFaultInjected(): void {
  if (config().APP_ENV !== 'test' || process.env.FAULT_EXIT_AFTER_UPLOAD_COMMIT !== '1') return;
  logger().warn('FAULT_EXIT_AFTER_UPLOAD_COMMIT: exiting after an upload committed, before answering');
  process.exit(FAULT_EXIT_CODE);
}
