import Link from 'next/link';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignOutButton } from '@/components/auth/SignOutButton';

export const metadata = { title: 'Sign out' };

export default function LogoutPage() {
  return (
    <AuthCard title="Sign out" subtitle="You will be signed out in every tab of this browser.">
      <div className="flex flex-col gap-3">
        <SignOutButton className="btn-primary w-full" />
        <Link href="/today" className="btn-ghost w-full">
          Stay signed in
        </Link>
      </div>
    </AuthCard>
  );
}
