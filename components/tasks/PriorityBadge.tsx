import { Flag } from 'lucide-react';
import type { Priority } from '@/lib/shared/crdt';

/** Colour says it at a glance, the text says it to everyone (WCAG 1.4.1): "P1" with a flag, never colour alone. */
const STYLE: Record<Priority, string> = {
  1: 'bg-red-50 text-red-800 ring-red-300',
  2: 'bg-orange-50 text-orange-800 ring-orange-300',
  3: 'bg-sky-50 text-sky-800 ring-sky-300',
  4: 'bg-stone-100 text-stone-700 ring-stone-300',
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span
      className={`inline-flex items-center gap-0.5 rounded px-1.5 py-0.5 font-semibold ring-1 ring-inset ${STYLE[priority]}`}
      data-testid="task-priority"
      title={`Priority ${priority}`}
    >
      <Flag className="h-3 w-3" aria-hidden />P{priority}
      <span className="sr-only"> priority</span>
    </span>
  );
}
