import type { ReactNode } from 'react';
import type { JsonSchema } from '@/lib/shared/openapi/native';

// A readable rendering of the JSON Schemas z.toJSONSchema produces: a table of fields with their
// types, constraints and descriptions; nested objects indented; `$ref`s linked to their section.

const refName = (ref: string) => ref.split('/').pop()!;
export const schemaAnchor = (name: string) => `schema-${name}`;

function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  const num = (key: string, label: string) => {
    const v = s[key];
    // 2^53−1 is zod's "any safe integer", not a real limit.
    if (typeof v === 'number' && Math.abs(v) < Number.MAX_SAFE_INTEGER) out.push(`${label} ${v}`);
  };
  num('minimum', '≥');
  num('maximum', '≤');
  num('minLength', 'min length');
  num('maxLength', 'max length');
  num('maxItems', 'at most');
  if (typeof s.format === 'string') out.push(s.format);
  else if (typeof s.pattern === 'string' && s.pattern.length <= 40) out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** The type of a schema in a few words, with `$ref`s as links. */
export function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="text-brand-700 underline">
        {name}
      </a>
    );
  }
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[];
    return options.map((o, i) => (
      <span key={i}>
        {i > 0 ? ' | ' : ''}
        <TypeLabel schema={o} />
      </span>
    ));
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (Array.isArray(schema.enum)) return <code>{schema.enum.map((v) => JSON.stringify(v)).join(' | ')}</code>;
  if (schema.type === 'array') {
    return (
      <>
        array of <TypeLabel schema={(schema.items as JsonSchema) ?? {}} />
      </>
    );
  }
  if (schema.type === 'object' && !schema.properties) return <>object</>;
  return <>{typeof schema.type === 'string' ? schema.type : 'any'}</>;
}

function nestedObject(schema: JsonSchema): JsonSchema | undefined {
  if (schema.type === 'object' && schema.properties) return schema;
  if (schema.type === 'array' && (schema.items as JsonSchema | undefined)?.properties) return schema.items as JsonSchema;
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return options?.map(nestedObject).find(Boolean);
}

/** The fields of an object schema; other schemas as one line. */
export function SchemaView({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) {
    return (
      <p className="text-sm">
        <TypeLabel schema={schema} /> {constraints(schema).length ? <span className="text-stone-500">({constraints(schema).join(', ')})</span> : null}
      </p>
    );
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return (
    // A phone stacks each field (name and type, then its notes): nested tables side by side do not fit 390 px.
    <table className={`w-full text-left text-sm max-sm:block ${depth > 0 ? 'mt-2 border-l-2 border-stone-200' : ''}`}>
      <thead className="sr-only">
        <tr>
          <th>Field</th>
          <th>Type</th>
          <th>Notes</th>
        </tr>
      </thead>
      <tbody className="max-sm:block">
        {Object.entries(properties).map(([name, prop]) => {
          const nested = depth < 3 ? nestedObject(prop) : undefined;
          return (
            <tr key={name} className="align-top max-sm:block max-sm:py-1">
              <td className="py-1.5 pr-3 pl-2 font-mono text-xs max-sm:inline max-sm:py-0">
                {name}
                {required.has(name) ? (
                  <span className="text-red-700" title="required">
                    *
                  </span>
                ) : null}
              </td>
              <td className="py-1.5 pr-3 text-xs max-sm:inline max-sm:py-0">
                <TypeLabel schema={prop} />
              </td>
              <td className="py-1.5 text-xs text-stone-600 max-sm:block max-sm:pl-2">
                {typeof prop.description === 'string' ? <span>{prop.description} </span> : null}
                {constraints(prop).length ? <span className="text-stone-500">{constraints(prop).join(', ')}</span> : null}
                {nested ? <SchemaView schema={nested} depth={depth + 1} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
