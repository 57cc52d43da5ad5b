'use client';

import { itemUrl } from './resources/resource';
import { sendJson } from './api';
import { useOptimisticMutation } from './optimistic';
import { useSyncEnv } from './provider';

/** Ids of rows the server has not confirmed yet; they cannot be edited until it has. */
export const PENDING_PREFIX = 'pending-';
export const isPending = (id: string) => id.startsWith(PENDING_PREFIX);
export const pendingId = () => `${PENDING_PREFIX}${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** The pending id each saved row was first shown under, by the id the server gave it. */
const firstKeys = new Map<string, string>();

/**
 * A row's React key: the pending id it was added under, for as long as the page lives, else its
 * id. The saved row then updates the row that was shown instead of replacing it, so what has
 * the keyboard's focus keeps it when the server answers.
 */
export const rowKey = (id: string) => firstKeys.get(id) ?? id;

/** `rows` with the server's `saved` row in place of the pending row `id` it answers (`confirm`). */
export function confirmCreated<Item extends { id: string }>(rows: Item[] | undefined, id: string, saved: Item): Item[] | undefined {
  if (!isPending(id)) return rows;
  firstKeys.set(saved.id, id);
  if (!rows) return rows;
  // A refetch that ran meanwhile may have brought the saved row already.
  if (rows.some((row) => row.id === saved.id)) return rows.filter((row) => row.id !== id);
  return rows.map((row) => (row.id === id ? saved : row));
}

/** A patch without its unset fields, so spreading it over a row keeps what it does not change. */
export const definedOnly = <T extends object>(patch: T) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface OptimisticListOptions<Item, Create, Patch> {
  queryKey: readonly unknown[];
  /** POST creates here; PATCH and DELETE go to `<collectionUrl>/<id>`. */
  collectionUrl: string;
  /** The order the server lists rows in. */
  order: (a: Item, b: Item) => number;
  /** The row shown until the server's answer replaces it. */
  pending: (input: Create, id: string, now: number) => Item;
  patch?: (row: Item, patch: Patch) => Item;
  /** "Could not add the activity" etc.: the rollback toast, followed by the server's reason. */
  failures: { create: string; update: string; remove: string };
}

/**
 * Create, update and delete of a list of rows that the server keeps sorted, each shown at once
 * (rolled back with a toast if refused) and reconciled by one refetch.
 */
export function useOptimisticList<Item extends { id: string }, Create, Patch>(o: OptimisticListOptions<Item, Create, Patch>) {
  const { deviceId } = useSyncEnv();
  const { queryKey, collectionUrl, order, failures } = o;
  const applyPatch = o.patch ?? ((row: Item, patch: Patch) => ({ ...row, ...definedOnly(patch as object) }));
  const create = useOptimisticMutation<{ input: Create; id: string }, Item, Item[]>({
    queryKey,
    mutationFn: ({ input }) => sendJson('POST', collectionUrl, deviceId, input),
    apply: (cache, { input, id }) => cache && [...cache, o.pending(input, id, Date.now())].sort(order),
    confirm: (cache, { id }, saved) => confirmCreated(cache, id, saved)?.sort(order),
    errorMessage: (error) => `${failures.create}: ${error.message}`,
  });
  const update = useOptimisticMutation<{ id: string; patch: Patch }, Item, Item[]>({
    queryKey,
    mutationFn: ({ id, patch }) => sendJson('PATCH', itemUrl(collectionUrl, id), deviceId, patch),
    apply: (cache, { id, patch }) => cache?.map((row) => (row.id === id ? applyPatch(row, patch) : row)).sort(order),
    errorMessage: (error) => `${failures.update}: ${error.message}`,
  });
  const remove = useOptimisticMutation<string, Item, Item[]>({
    queryKey,
    mutationFn: (id) => sendJson('DELETE', itemUrl(collectionUrl, id), deviceId),
    apply: (cache, id) => cache?.filter((row) => row.id !== id),
    errorMessage: (error) => `${failures.remove}: ${error.message}`,
  });
  return {
    create: (input: Create) => create.mutate({ input, id: pendingId() }),
    update: (id: string, patch: Patch) => update.mutate({ id, patch }),
    remove: remove.mutate,
  };
}
