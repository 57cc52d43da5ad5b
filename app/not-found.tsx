import { AuthCard } from '@/components/auth/AuthCard';

export const metadata = { title: 'Page not found' };

/**
 * An address no page has (a mistyped link, an old bookmark): the app's own card, and a way back in.
 * A plain link, not `next/link`: this page ships no script of its own.
 */
export default function NotFound() {
  return (
    <AuthCard title="This page does not exist" subtitle="The address may be mistyped, or the page has moved.">
      <a href="/today" className="btn-primary w-full">
        Go to Today
      </a>
    </AuthCard>
  );
}
