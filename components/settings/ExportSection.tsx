import { Download } from 'lucide-react';
import { TitledCard } from '../shell/TitledCard';

/**
 * "Download my data": a plain link, so the browser streams the archive straight to disk (no script
 * holds it in memory) and shows its own download progress.
 */
export function ExportSection() {
  return (
    <TitledCard id="export-title" title="Your data">
      <p className="text-sm text-stone-700">
        One ZIP file with everything you keep here — tasks, focus sessions, plans, planner events, quests, habits, books, mood and check-ins, devices — as JSON
        and as spreadsheet (CSV) files, with a README that explains each one.
      </p>
      <a href="/api/me/export" download className="btn-secondary inline-flex items-center gap-2">
        <Download className="h-4 w-4" aria-hidden />
        Download my data
      </a>
    </TitledCard>
  );
}
