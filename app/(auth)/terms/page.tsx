import Link from 'next/link';
import { CURRENT_TERMS } from '@/lib/shared/terms';

export const metadata = { title: 'Terms of service' };

export default function TermsPage() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-2xl font-semibold">{CURRENT_TERMS.title}</h1>
      <p className="mt-1 text-sm text-stone-500">Version {CURRENT_TERMS.version}</p>
      <div className="card mt-6 space-y-4 text-sm leading-relaxed text-stone-700">
        {CURRENT_TERMS.body.split('\n\n').map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      <Link href="/today" className="btn-secondary mt-6">
        Back to the app
      </Link>
    </main>
  );
}
