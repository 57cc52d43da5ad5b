import 'server-only';
// The changes module: the one path of a write (write.ts), the scope versions GET ETags derive from,
// and the bus every change is published on. Nothing outside this folder writes a scope version or
// publishes on the bus (lint enforces it); the rest of the app reads and listens through here.
export { writeChange, type ServiceContext, type WriteScope } from './write';
export { readScopeVersions } from './scopes';
export { getBus, setBusForTests, type BusStatus, type ChangeBus, type ChangeListener } from './bus';
export { busStats } from './fanout';
