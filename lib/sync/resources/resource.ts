import type { Scope } from '@/lib/shared/events';
import type { ContractName } from '../contracts';

/** One GET as every part of the runtime sees it: its hook, realtime nudges and its tests. */
export interface SyncedResource<T> {
  /** Starts with the domain and the signed-in user, so no two users ever share a cache entry. */
  queryKey: readonly unknown[];
  url: string;
  contract: ContractName;
  /** Never set: carries the type of the body `url` answers with. */
  readonly body?: T;
}

export interface ResourceDefinition<A extends unknown[]> {
  /** `[domain, ...path]`: the key is `[domain, userId, ...path, ...args]`. */
  key: readonly [string, ...string[]];
  url: (...args: A) => string;
  contract: ContractName;
  /** The server scopes whose `changed` events mean this resource's data may have changed. */
  scopes: readonly Scope[];
}

/** A resource's factory (TanStack's `queryOptions` idea): `habitList(userId)` gives key, URL and contract. */
export interface Resource<T, A extends unknown[] = []> {
  (userId: string, ...args: A): SyncedResource<T>;
  readonly contract: ContractName;
  readonly scopes: readonly Scope[];
  /** What every query of this resource's key starts with: realtime nudges match on it. */
  prefix(userId: string): readonly unknown[];
}

/** What realtime needs of any resource, whatever its arguments. */
export type ResourceFamily = Pick<Resource<unknown>, 'contract' | 'scopes' | 'prefix'>;

export function defineResource<T, A extends unknown[] = []>(def: ResourceDefinition<A>): Resource<T, A> {
  const [domain, ...path] = def.key;
  const prefix = (userId: string) => [domain, userId, ...path] as const;
  const make = (userId: string, ...args: A): SyncedResource<T> => ({ queryKey: [...prefix(userId), ...args], url: def.url(...args), contract: def.contract });
  return Object.assign(make, { contract: def.contract, scopes: def.scopes, prefix });
}

export const itemUrl = (collectionUrl: string, id: string, action = '') => `${collectionUrl}/${encodeURIComponent(id)}${action}`;
