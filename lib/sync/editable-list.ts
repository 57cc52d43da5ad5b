'use client';

import { useListWrite } from './list-write';
import { itemUrl, type SyncedResource } from './resources/resource';
import { useSyncedQuery, type SyncedQueryOptions } from './use-auto-refresh';

/**
 * A list page's query under its contract, with the two writes every such page has: create (POST to
 * `collectionUrl`) and update (PATCH to `<collectionUrl>/<id>`), each followed by one refetch.
 */
export function useEditableList<List, Item, Create, Patch>(resource: SyncedResource<List>, collectionUrl: string, options?: SyncedQueryOptions) {
  const { queryKey } = resource;
  const query = useSyncedQuery(resource, options);
  const create = useListWrite<Create, Item>(queryKey, (input) => ['POST', collectionUrl, input]);
  const update = useListWrite<{ id: string; patch: Patch }, Item>(queryKey, ({ id, patch }) => ['PATCH', itemUrl(collectionUrl, id), patch]);
  return { queryKey, query, create, update };
}
