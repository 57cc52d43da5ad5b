import type { HttpMethod, JsonSchema, OpenApiOperation } from '@/lib/shared/openapi/native';
import { SchemaView, TypeLabel } from './SchemaView';

const METHOD_STYLE: Record<HttpMethod, string> = {
  get: 'bg-sky-100 text-sky-800',
  post: 'bg-green-100 text-green-800',
  patch: 'bg-amber-100 text-amber-800',
  delete: 'bg-red-100 text-red-800',
};

const AUTH_LABEL: Record<string, string> = { bearer: 'Bearer API key', session: 'browser session' };

const jsonSchemaOf = (content: Record<string, { schema: JsonSchema }> | undefined) => content?.['application/json']?.schema;

/** One endpoint: method and path, what it does, who may call it, its parameters, body and answers. */
export function OperationView({ method, path, op }: { method: HttpMethod; path: string; op: OpenApiOperation }) {
  const body = jsonSchemaOf(op.requestBody?.content);
  return (
    <article className="card space-y-3 wrap-anywhere" id={op.operationId} aria-labelledby={`${op.operationId}-title`}>
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method]}`}>{method}</span>
        <code className="text-sm font-semibold">{path}</code>
        <span className="text-sm text-stone-600">— {op.summary}</span>
      </h3>
      {op.description ? <p className="text-sm text-stone-700">{op.description}</p> : null}
      <p className="text-xs text-stone-500">
        Authentication:{' '}
        {op.security
          .map((s) => Object.keys(s).map((k) => AUTH_LABEL[k] ?? k))
          .flat()
          .join(' or ')}
      </p>

      {op.parameters?.length ? (
        <div>
          <h4 className="text-sm font-semibold">Parameters</h4>
          <table className="mt-1 w-full text-left text-sm">
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="align-top">
                  <td className="py-1 pr-3 font-mono text-xs">
                    {p.name}
                    {p.required ? (
                      <span className="text-red-700" title="required">
                        *
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1 pr-3 text-xs text-stone-500">{p.in}</td>
                  <td className="py-1 pr-3 text-xs">
                    <TypeLabel schema={p.schema} />
                  </td>
                  <td className="py-1 text-xs text-stone-600">{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {body ? (
        <div>
          <h4 className="text-sm font-semibold">Request body (application/json)</h4>
          <SchemaView schema={body} />
        </div>
      ) : null}

      <div>
        <h4 className="text-sm font-semibold">Responses</h4>
        <ul className="mt-1 space-y-1 text-sm">
          {Object.entries(op.responses).map(([status, response]) => {
            const schema = jsonSchemaOf(response.content);
            return (
              <li key={status} className="flex flex-wrap gap-2">
                <code
                  className={`text-xs font-semibold ${status.startsWith('2') ? 'text-green-800' : status.startsWith('3') ? 'text-stone-600' : 'text-red-800'}`}
                >
                  {status}
                </code>
                <span className="text-xs text-stone-700">{response.description}</span>
                {schema ? (
                  <span className="text-xs">
                    <TypeLabel schema={schema} />
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </article>
  );
}
