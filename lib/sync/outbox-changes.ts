/**
 * What the server stored otherwise than a write kept offline sent it (decision 043): compared field by
 * field, for the notice that tells the user their change was adjusted. Only what can be compared
 * honestly counts — a sent scalar against the same-named field of the same type in the answer's
 * record — so a field the answer shows differently (a day sent, an instant stored) never cries wolf.
 */

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A timer write's `at` is the moment it took effect: the answer names it after what the write did. */
const SAME_AS: Record<string, readonly string[]> = { at: ['startedAt', 'pausedAt', 'endedAt'] };

function valueIn(record: Json, field: string): { found: boolean; value?: unknown } {
  for (const name of [field, ...(SAME_AS[field] ?? [])]) if (name in record && record[name] !== null) return { found: true, value: record[name] };
  return { found: false };
}

/** The sent fields the answer's record holds with another value of the same type. */
export function changedFields(sent: unknown, answer: unknown): string[] {
  if (!isRecord(sent) || !isRecord(answer)) return [];
  const fields = Object.entries(sent).filter(([, v]) => isScalar(v) && v !== null);
  // The answer is the record itself, or an envelope holding it ({ quest: {…} }, { session: {…} }).
  const records = [answer, ...Object.values(answer).filter(isRecord)];
  const score = (r: Json) => fields.filter(([k]) => valueIn(r, k).found).length;
  const record = records.reduce((best, r) => (score(r) > score(best) ? r : best), answer);
  return fields
    .filter(([k, v]) => {
      const held = valueIn(record, k);
      return held.found && typeof held.value === typeof v && held.value !== v;
    })
    .map(([k]) => k);
}

const LABELS: Record<string, string> = { at: 'time', taskTitle: 'task' };

/** "title and time" for the notice. */
export function describeFields(fields: string[]): string {
  const words = fields.map((f) => LABELS[f] ?? f.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
