/** The `<option>`s of a time-zone select: the browser's zones, with `current` first if the browser does not know it. */
export function TimeZoneOptions({ zones, current }: { zones: readonly string[]; current: string }) {
  return (zones.includes(current) ? zones : [current, ...zones]).map((z) => (
    <option key={z} value={z}>
      {z}
    </option>
  ));
}
