import 'server-only';
import { getBus, type ChangeBus } from './bus';

// The changes module: the one path of a write (write.ts), the scope versions GET ETags derive from
// (scopes.ts) and the bus every change is published on. Nothing outside this folder writes a scope
// version or publishes on the bus (lint enforces it); the rest of the app listens through here.
export { writeChange, publishCredentialEnded, type ServiceContext, type WriteScope } from './write';
export { currentWriteSeq, readScopeVersions } from './scopes';
export { setBusForTests, type BusStatus, type ChangeBus, type ChangeListener } from './bus';
export { busStats } from './fanout';

/** The bus as a listener sees it: subscriptions and health, never publishing. */
export type ChangeFeed = Omit<ChangeBus, 'publish'>;

/** This process's change feed (Redis pub/sub across nodes when REDIS_URL is set). */
export function changeFeed(): ChangeFeed {
  return getBus();
}
