// Column widths for a table of a given width. Each column wants the width of its widest cell
// (or title), kept within its min and max. If all wants fit, they are used and a `flex`
// column takes the rest; if not, every column starts at its minimum and the spare cells are
// shared in proportion to how much more each wants. Optional columns are dropped, last first,
// when even the minimums do not fit, so 80 columns shows fewer fields rather than mangled ones.

export interface ColumnSpec {
  min: number;
  max: number;
  optional?: boolean;
  flex?: boolean;
}

/** A width per spec (0 = not shown). The row also spends 1 marker cell and 1 gap per column. */
export function layoutColumns(specs: readonly ColumnSpec[], width: number, wants?: readonly number[]): number[] {
  const shown = specs.map(() => true);
  const need = (): number => specs.reduce((n, s, i) => (shown[i] ? n + s.min + 1 : n), 1);
  for (let i = specs.length - 1; i >= 0 && need() > width; i--) if (specs[i]!.optional) shown[i] = false;

  const target = specs.map((s, i) => (shown[i] ? Math.max(s.min, Math.min(s.max, wants?.[i] ?? s.max)) : 0));
  const widths = specs.map((s, i) => (shown[i] ? s.min : 0));
  let spare = width - need();
  const room = specs.map((_, i) => target[i]! - widths[i]!);
  const totalRoom = room.reduce((a, b) => a + b, 0);
  if (spare > 0 && totalRoom > 0) {
    const share = Math.min(spare, totalRoom);
    let given = 0;
    specs.forEach((_, i) => {
      const add = Math.floor((share * room[i]!) / totalRoom);
      widths[i]! += add;
      given += add;
    });
    // rounding leftovers go to the first columns that still want more
    for (let i = 0; i < specs.length && given < share; i++) {
      if (widths[i]! < target[i]!) {
        widths[i]!++;
        given++;
      }
    }
    spare -= given;
  }
  const flex = specs.findIndex((s, i) => s.flex && shown[i]);
  if (spare > 0 && flex >= 0) widths[flex]! += spare;
  return widths;
}

/** The first row index to show so that `selected` stays visible in `visible` rows. */
export function windowStart(selected: number, count: number, visible: number): number {
  if (count <= visible || selected < 0) return 0;
  return Math.max(0, Math.min(selected - Math.floor(visible / 2), count - visible));
}
