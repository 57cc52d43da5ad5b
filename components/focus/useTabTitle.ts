'use client';

import { useEffect } from 'react';

let shown: string | null = null;
let pageTitle: string | null = null;

/** Puts `text` in the tab title, or gives the page its own title back (null). */
function showInTitle(text: string | null): void {
  if (text === null) {
    // Only our own text is taken back: a title the page set since stays.
    if (shown !== null && document.title === shown && pageTitle !== null) document.title = pageTitle;
    shown = null;
    return;
  }
  // Anything but our last text is the page's own (a navigation sets a new one): keep it to give back.
  if (document.title !== shown) pageTitle = document.title;
  if (document.title !== text) document.title = text;
  shown = text;
}

/** The tab title shows the timer while it runs ("12:34 · Focus", "Time's up"); checked on every render, as a navigation may replace it. */
export function useTabTitle(text: string | null): void {
  useEffect(() => showInTitle(text));
  useEffect(() => () => showInTitle(null), []);
}
