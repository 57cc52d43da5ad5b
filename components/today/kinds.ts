import { CalendarClock, CheckSquare, HeartPulse, LayoutList, ListPlus, Timer, type LucideIcon } from 'lucide-react';
import type { PlanItemKind } from '@/lib/shared/schemas/plan';

/** How each kind of plan item is tagged on the Today page. */
export const KIND_TAGS: Record<PlanItemKind, { label: string; icon: LucideIcon; className: string }> = {
  checkin: { label: 'Check-in', icon: HeartPulse, className: 'bg-rose-50 text-rose-700' },
  event: { label: 'Event', icon: CalendarClock, className: 'bg-sky-50 text-sky-700' },
  task: { label: 'Task', icon: CheckSquare, className: 'bg-amber-50 text-amber-800' },
  habit: { label: 'Habit', icon: LayoutList, className: 'bg-emerald-50 text-emerald-700' },
  focus: { label: 'Focus', icon: Timer, className: 'bg-brand-50 text-brand-700' },
  custom: { label: 'Other', icon: ListPlus, className: 'bg-stone-100 text-stone-700' },
};
