'use client';

import { X } from 'lucide-react';
import type { ChipKind, QuickAddResult } from '@/lib/shared/quick-add';
import { PriorityBadge } from './PriorityBadge';

const CHIP_NAMES: Record<ChipKind, string> = { due: 'due date', priority: 'priority', list: 'list', repeat: 'repeat' };

/** What the plain-words parser understood, one chip each; removing a chip keeps its words in the title. */
export function UnderstoodChips({ parsed, onRemove }: { parsed: QuickAddResult; onRemove: (kind: ChipKind) => void }) {
  if (parsed.chips.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Understood">
      {parsed.chips.map((chip) => (
        <li
          key={chip.kind}
          data-testid={`chip-${chip.kind}`}
          className="flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-sm text-brand-700"
        >
          {chip.kind === 'priority' && parsed.priority ? <PriorityBadge priority={parsed.priority} /> : <span>{chip.label}</span>}
          <button
            type="button"
            className="rounded-full p-0.5 hover:bg-brand-100"
            aria-label={`Remove ${CHIP_NAMES[chip.kind]} “${chip.label}”: keep “${chip.text}” in the title`}
            onClick={() => onRemove(chip.kind)}
          >
            <X className="h-3.5 w-3.5" aria-hidden />
          </button>
        </li>
      ))}
    </ul>
  );
}
