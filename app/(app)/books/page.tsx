import { ComingSoon } from '@/components/shell/ComingSoon';

export const metadata = { title: 'Books' };

export default function BooksPage() {
  return <ComingSoon title={'Books'} description={'Your reading list, reading sessions and progress per book.'} />;
}
