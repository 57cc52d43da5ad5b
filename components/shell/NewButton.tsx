import { Plus } from 'lucide-react';

/** The page's main "New …" button. */
export function NewButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="btn-primary" onClick={onClick}>
      <Plus className="h-4 w-4" aria-hidden /> {label}
    </button>
  );
}
