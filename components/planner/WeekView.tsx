'use client';

import { useEffect, useMemo, useRef, useState, type MouseEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { instantAt } from '@/lib/shared/days';
import { localDayKey } from '@/lib/shared/local-time';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { eventColorStyle } from './colors';
import { formatEventDay, formatTimeRange } from './format';
import { useFormats } from '@/lib/sync/use-formats';
import { isPending, rowKey } from '@/lib/sync/optimistic-list';
import { PLANNER_EVENTS_URL } from '@/lib/sync/resources/planner';
import { itemUrl } from '@/lib/sync/resources/resource';
import { useWaitingRecords } from '../shell/WaitingToSend';
import { allDayOn, DAY_MINUTES, layoutDay, moveEvent } from './week-layout';

/** An event changed on this device and not yet sent: a dashed outline (its name says it too). */
const WAITING = 'outline-1 outline-dashed outline-amber-700';

const HOUR_PX = 48;
/** Below this length an event's block has room for one line of text, not two. */
const TWO_LINE_MINUTES = 45;
const SNAP_MINUTES = 15;
/** A press that moves less than this is a click (open the event), not a drag. */
const DRAG_THRESHOLD_PX = 5;
const FIRST_VISIBLE_HOUR = 7;

interface Drag {
  id: string;
  days: number;
  minutes: number;
}

export interface WeekViewProps {
  /** The 7 local midnights of the week and the one after. */
  days: number[];
  events: PlannerEvent[];
  today: string;
  onOpen: (event: PlannerEvent) => void;
  onCreateAt: (startsAt: number) => void;
  onMove: (event: PlannerEvent, span: { startsAt: number; endsAt: number }) => void;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/**
 * Seven day columns with an all-day row and a 24-hour grid. Events are buttons (Enter opens the
 * form, whose times are the keyboard way to move them); a pointer drag moves them to another day
 * or time, snapped to 15 minutes, with a live preview.
 */
export function WeekView({ days, events, today, onOpen, onCreateAt, onMove }: WeekViewProps) {
  const waits = useWaitingRecords();
  const format = useFormats();
  const { timeZone } = format;
  const scrollRef = useRef<HTMLDivElement>(null);
  const columnsRef = useRef<HTMLDivElement>(null);
  const suppressClick = useRef(false);
  const [drag, setDrag] = useState<Drag | null>(null);

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = FIRST_VISIBLE_HOUR * HOUR_PX;
  }, []);

  const shown = useMemo(
    () => (drag ? events.map((e) => (e.id === drag.id ? { ...e, ...moveEvent(e, drag.days, drag.minutes, timeZone) } : e)) : events),
    [events, drag, timeZone],
  );
  const week = days.slice(0, 7).map((start, i) => ({ start, end: days[i + 1], key: localDayKey(start, timeZone) }));

  function beginDrag(e: ReactPointerEvent, event: PlannerEvent, originDay: number) {
    if (e.button !== 0 || isPending(event.id)) return;
    const startX = e.clientX;
    const startY = e.clientY;
    let active = false;
    let last = { days: 0, minutes: 0 };

    const onPointerMove = (ev: PointerEvent) => {
      if (!active && Math.hypot(ev.clientX - startX, ev.clientY - startY) < DRAG_THRESHOLD_PX) return;
      const rect = columnsRef.current?.getBoundingClientRect();
      if (!rect) return;
      active = true;
      const targetDay = clamp(Math.floor(((ev.clientX - rect.left) / rect.width) * 7), 0, 6);
      const minutes = event.allDay ? 0 : Math.round(((ev.clientY - startY) / HOUR_PX) * (60 / SNAP_MINUTES)) * SNAP_MINUTES;
      const next = { days: targetDay - originDay, minutes };
      if (next.days !== last.days || next.minutes !== last.minutes) {
        last = next;
        setDrag({ id: event.id, ...next });
      }
    };
    const finish = (commit: boolean) => {
      window.removeEventListener('pointermove', onPointerMove);
      window.removeEventListener('pointerup', onPointerUp);
      window.removeEventListener('pointercancel', onPointerCancel);
      window.removeEventListener('keydown', onKeyDown);
      setDrag(null);
      if (!active) return;
      // The click that ends a drag must not also open the event.
      suppressClick.current = true;
      setTimeout(() => (suppressClick.current = false), 0);
      if (commit && (last.days !== 0 || last.minutes !== 0)) onMove(event, moveEvent(event, last.days, last.minutes, timeZone));
    };
    const onPointerUp = () => finish(true);
    const onPointerCancel = () => finish(false);
    const onKeyDown = (ev: KeyboardEvent) => {
      if (ev.key === 'Escape') finish(false);
    };
    window.addEventListener('pointermove', onPointerMove);
    window.addEventListener('pointerup', onPointerUp);
    window.addEventListener('pointercancel', onPointerCancel);
    window.addEventListener('keydown', onKeyDown);
  }

  // An event shown before the server has it (a pending id) cannot be opened or moved until it does:
  // its button says so (aria-disabled), as the agenda's does (disabled).
  function open(e: MouseEvent, event: PlannerEvent) {
    e.stopPropagation();
    if (suppressClick.current || isPending(event.id)) return;
    onOpen(event);
  }

  function createAt(e: MouseEvent<HTMLDivElement>, dayStart: number) {
    if (suppressClick.current) return;
    const minutes = clamp(Math.floor(((e.clientY - e.currentTarget.getBoundingClientRect().top) / HOUR_PX) * 2) * 30, 0, DAY_MINUTES - 30);
    onCreateAt(instantAt(localDayKey(dayStart, timeZone), `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, timeZone));
  }

  const eventClass = (event: PlannerEvent) =>
    `touch-none select-none overflow-hidden rounded-md border-l-4 px-1.5 py-0.5 text-left text-xs text-stone-900 shadow-sm outline-offset-1 focus-visible:outline-2 focus-visible:outline-brand-500 ${
      drag?.id === event.id ? 'z-20 cursor-grabbing opacity-80 ring-2 ring-brand-500' : 'cursor-grab'
    } ${isPending(event.id) ? 'opacity-60' : ''}`;

  return (
    <div className="card overflow-x-auto p-0" data-testid="planner-week">
      {/* Focusable, so a keyboard scrolls the week too (its empty hours hold nothing else to focus). */}
      <div
        ref={scrollRef}
        className="max-h-[70vh] min-w-[720px] overflow-y-auto focus-visible:outline-2 focus-visible:outline-brand-500"
        tabIndex={0}
        role="region"
        aria-label="Week"
      >
        {/* Header inside the scroller (sticky), so a scrollbar narrows header and grid alike. */}
        <div className="sticky top-0 z-30 grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] border-b border-stone-200 bg-surface text-center text-xs">
          <div />
          {week.map((d) => (
            <div key={d.key} className={`py-2 font-medium ${d.key === today ? 'text-brand-700' : 'text-stone-600'}`}>
              {format.shortDay(d.start)}
            </div>
          ))}
          <div className="self-center py-1 pr-2 text-right text-[10px] uppercase text-stone-500">All day</div>
          {week.map((d) => (
            <div key={d.key} className="min-h-8 space-y-1 border-l border-stone-100 p-1" data-testid={`planner-all-day-${d.key}`}>
              {allDayOn(shown, d.start, d.end).map((event) => (
                <button
                  key={rowKey(event.id)}
                  type="button"
                  data-testid="planner-event"
                  data-event-id={event.id}
                  aria-disabled={isPending(event.id) || undefined}
                  className={`block w-full truncate ${eventClass(event)} ${waits(itemUrl(PLANNER_EVENTS_URL, event.id), event.id) ? WAITING : ''}`}
                  style={eventColorStyle(event.color)}
                  onPointerDown={(e) => beginDrag(e, event, week.indexOf(d))}
                  onClick={(e) => open(e, event)}
                >
                  {event.title}
                  <span className="sr-only">
                    , {formatEventDay(event, format)}
                    {waits(itemUrl(PLANNER_EVENTS_URL, event.id), event.id) ? ', waiting to send' : ''}
                  </span>
                </button>
              ))}
            </div>
          ))}
        </div>
        <div className="grid grid-cols-[3.5rem_1fr]">
          <div className="relative" style={{ height: 24 * HOUR_PX }} aria-hidden>
            {Array.from({ length: 23 }, (_, h) => (
              <span key={h} className="absolute right-2 -translate-y-1/2 text-[10px] text-stone-500" style={{ top: (h + 1) * HOUR_PX }}>
                {format.hour(h + 1)}
              </span>
            ))}
          </div>
          <div
            ref={columnsRef}
            className="grid grid-cols-7"
            style={{
              height: 24 * HOUR_PX,
              backgroundImage: 'linear-gradient(to bottom, var(--color-stone-200) 1px, transparent 1px)',
              backgroundSize: `100% ${HOUR_PX}px`,
            }}
          >
            {week.map((d, dayIndex) => (
              <div
                key={d.key}
                className={`relative border-l border-stone-200 ${d.key === today ? 'bg-brand-50/40' : ''}`}
                data-testid={`planner-day-${d.key}`}
                onClick={(e) => createAt(e, d.start)}
              >
                {layoutDay(shown, d.start, d.end, timeZone).map((block) => (
                  <button
                    key={rowKey(block.event.id)}
                    type="button"
                    data-testid="planner-event"
                    data-event-id={block.event.id}
                    aria-disabled={isPending(block.event.id) || undefined}
                    className={`absolute ${eventClass(block.event)} ${block.continuesBefore ? 'rounded-t-none' : ''} ${block.continuesAfter ? 'rounded-b-none' : ''} ${waits(itemUrl(PLANNER_EVENTS_URL, block.event.id), block.event.id) ? WAITING : ''}`}
                    style={{
                      top: (block.top / 60) * HOUR_PX,
                      height: (block.height / 60) * HOUR_PX - 2,
                      left: `calc(${(block.lane / block.lanes) * 100}% + 2px)`,
                      width: `calc(${100 / block.lanes}% - 4px)`,
                      ...eventColorStyle(block.event.color),
                    }}
                    onPointerDown={(e) => beginDrag(e, block.event, dayIndex)}
                    onClick={(e) => open(e, block.event)}
                  >
                    {block.height < TWO_LINE_MINUTES ? (
                      // Too short for two lines (a 30-minute event is 22 px): title and time share one.
                      <span className="block truncate">
                        <span className="font-medium">{block.event.title}</span>{' '}
                        <span className="text-[10px] text-stone-600">{formatTimeRange(block.event, format)}</span>
                      </span>
                    ) : (
                      <>
                        <span className="block truncate font-medium">{block.event.title}</span>
                        <span className="block truncate text-[10px] text-stone-600">{formatTimeRange(block.event, format)}</span>
                      </>
                    )}
                    <span className="sr-only">
                      , {formatEventDay(block.event, format)}
                      {waits(itemUrl(PLANNER_EVENTS_URL, block.event.id), block.event.id) ? ', waiting to send' : ''}
                    </span>
                  </button>
                ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
