import Link from 'next/link';
import { OperationView } from '@/components/settings/api-docs/OperationView';
import { SchemaView, schemaAnchor } from '@/components/settings/api-docs/SchemaView';
import { PageHeader } from '@/components/shell/PageHeader';
import { nativeOpenApi, type HttpMethod } from '@/lib/shared/openapi/native';

export const metadata = { title: 'Native API' };

/** The native API reference, rendered from the same OpenAPI document as GET /api/v1/openapi.json. */
export default function ApiDocsPage() {
  const doc = nativeOpenApi();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    (Object.entries(methods) as [HttpMethod, NonNullable<(typeof methods)[HttpMethod]>][]).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <PageHeader
        title="Native API"
        description={`${doc.info.title}, OpenAPI ${doc.openapi}.`}
        actions={
          <div className="flex gap-2">
            <Link href="/settings" className="btn-ghost">
              Back to settings
            </Link>
            <a href="/api/v1/openapi.json" className="btn-secondary">
              openapi.json
            </a>
          </div>
        }
      />
      <div className="max-w-4xl space-y-8">
        <section className="card space-y-2 text-sm text-stone-700">
          {doc.info.description.split('\n\n').map((paragraph) => (
            <p key={paragraph} className="whitespace-pre-line">
              {paragraph}
            </p>
          ))}
        </section>

        {doc.tags.map((tag) => (
          <section key={tag.name} className="space-y-3" aria-labelledby={`tag-${tag.name}`}>
            <div>
              <h2 id={`tag-${tag.name}`} className="text-xl font-semibold">
                {tag.name}
              </h2>
              <p className="text-sm text-stone-600">{tag.description}</p>
            </div>
            {operations
              .filter(({ op }) => op.tags.includes(tag.name))
              .map(({ path, method, op }) => (
                <OperationView key={op.operationId} method={method} path={path} op={op} />
              ))}
          </section>
        ))}

        <section className="space-y-3" aria-labelledby="schemas-title">
          <h2 id="schemas-title" className="text-xl font-semibold">
            Schemas
          </h2>
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <article key={name} id={schemaAnchor(name)} className="card space-y-2">
              <h3 className="font-mono text-sm font-semibold">{name}</h3>
              {typeof schema.description === 'string' ? <p className="text-sm text-stone-600">{schema.description}</p> : null}
              <SchemaView schema={schema} />
            </article>
          ))}
        </section>
      </div>
    </>
  );
}
