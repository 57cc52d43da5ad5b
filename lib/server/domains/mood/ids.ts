import 'server-only';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from the URL; anything that is not a UUID cannot name a row and reads as "not found". */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
