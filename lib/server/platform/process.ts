import 'server-only';

// State that must exist once per process lives here, under a name. Next loads a module once per
// route bundle, and npm start's server bundle loads it once more (decisions 010, 014), so a
// module-level variable would exist several times over. Lint refuses `globalThis` anywhere else.
const SLOTS = Symbol.for('passion-os:process-singletons');

function slots(): Map<string, unknown> {
  const global = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
  return (global[SLOTS] ??= new Map());
}

/** The process's one value under `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const all = slots();
  if (!all.has(name)) all.set(name, create());
  return all.get(name) as T;
}

/** The value under `name` if something made it already (readers that must not start it: metrics). */
export function existingSingleton<T>(name: string): T | undefined {
  return slots().get(name) as T | undefined;
}

/** Replaces (or with undefined, forgets) the value under `name`: a reset, a reconnect, a test's stand-in. */
export function replaceSingleton<T>(name: string, value: T | undefined): void {
  if (value === undefined) slots().delete(name);
  else slots().set(name, value);
}

/** The real global, for the one caller that needs it (V8's `gc` when node runs with --expose-gc). */
export function exposedGc(): (() => void) | undefined {
  return (globalThis as { gc?: () => void }).gc;
}
