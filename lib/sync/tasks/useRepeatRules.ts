'use client';

import { useEffect, useState } from 'react';
import { loadRepeatRules, repeatRules } from '@/lib/shared/recurrence';

/**
 * The repeat rules' dates and words (`repeat-rules.ts`), or null until they are loaded. A component
 * that shows a repeating task passes `wanted`: the rules load then, once for the whole tab, and every
 * component that waited renders again with them (decision 071).
 */
export function useRepeatRules(wanted: boolean) {
  const [rules, setRules] = useState(repeatRules);
  useEffect(() => {
    if (!wanted || rules) return;
    let live = true;
    void loadRepeatRules().then((loaded) => {
      if (live) setRules(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [wanted, rules]);
  return rules;
}
