import { BookOpen, CalendarDays, CheckSquare, Gauge, HeartPulse, LayoutList, Settings, Shield, Sparkles, Sun, Timer, type LucideIcon } from 'lucide-react';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  adminOnly?: boolean;
}

/** Every page of the app, in the order the shell shows them (DESIGN.md, "Layout"). */
export const NAV: NavItem[] = [
  { href: '/focus', label: 'Focus', icon: Timer },
  { href: '/today', label: 'Today', icon: Sun },
  { href: '/planner', label: 'Planner', icon: CalendarDays },
  { href: '/tasks', label: 'Tasks', icon: CheckSquare },
  { href: '/quests', label: 'Quests', icon: Sparkles },
  { href: '/habits', label: 'Habits', icon: LayoutList },
  { href: '/progress', label: 'Progress', icon: Gauge },
  { href: '/books', label: 'Books', icon: BookOpen },
  { href: '/mood', label: 'Mood', icon: HeartPulse },
  { href: '/settings', label: 'Settings', icon: Settings },
  { href: '/admin', label: 'Admin', icon: Shield, adminOnly: true },
];
