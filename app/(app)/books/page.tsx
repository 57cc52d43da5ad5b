import { BooksPanel } from '@/components/books/BooksPanel';
import { PageHeader } from '@/components/shell/PageHeader';

export const metadata = { title: 'Books' };

export default function BooksPage() {
  return (
    <>
      <PageHeader title="Books" description="What you are reading, how far you are, and the time it took." />
      <BooksPanel />
    </>
  );
}
