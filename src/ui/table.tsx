// A dense one-line-per-row table: header, rows scrolled so the selection stays in view, and
// exactly `height` lines or fewer so the frame never outgrows the terminal.
import { Box, Text } from 'ink';
import { layoutColumns, windowStart, type ColumnSpec } from './columns.js';
import { fit } from './format.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';

export interface Column<T> extends ColumnSpec {
  title: string;
  align?: 'left' | 'right';
  text(row: T): string;
  tone?(row: T): Tone | undefined;
}

export interface TableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  width: number;
  /** Lines, header included. */
  height: number;
  /** Row index shown selected, or -1 for none. */
  selected?: number;
  sort?: { column: number; desc: boolean };
  empty?: string;
}

export function Table<T>(props: TableProps<T>): React.JSX.Element {
  const { columns, rows, width, height } = props;
  if (height <= 0) return <Box />;
  // widths follow the content of all rows, not just the visible ones, so scrolling never shifts columns
  const wants = columns.map((c) => rows.reduce((w, r) => Math.max(w, c.text(r).length), c.title.length + 1));
  const widths = layoutColumns(columns, width, wants);
  const selected = props.selected ?? -1;
  const bodyLines = Math.max(0, height - 1);
  // without a selection the last line tells how many rows did not fit
  const overflow = selected < 0 && bodyLines > 0 && rows.length > bodyLines;
  const visible = overflow ? bodyLines - 1 : bodyLines;
  const start = windowStart(selected, rows.length, visible);
  const shown = rows.slice(start, start + visible);

  const header = columns.map((c, i) => {
    if (!widths[i]) return '';
    const arrow = props.sort?.column === i ? (props.sort.desc ? '▼' : '▲') : '';
    return ' ' + fit(arrow ? `${c.title}${arrow}` : c.title, widths[i]!, c.align);
  });

  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text wrap="truncate">
        <Txt tone="dim"> {header.join('')}</Txt>
      </Text>
      {shown.length === 0 && bodyLines > 0 ? (
        <Text wrap="truncate">
          <Txt tone="dim">  {props.empty ?? 'nothing to show'}</Txt>
        </Text>
      ) : null}
      {shown.map((row, n) => {
        const isSel = start + n === selected;
        return (
          <Text key={props.rowKey(row)} wrap="truncate">
            <Txt tone={isSel ? 'selected' : 'plain'}>
              {isSel ? '›' : ' '}
              {columns.map((c, i) =>
                widths[i] ? (
                  <Txt key={c.title} tone={c.tone?.(row) ?? 'plain'}>
                    {' ' + fit(c.text(row), widths[i]!, c.align)}
                  </Txt>
                ) : null,
              )}
            </Txt>
          </Text>
        );
      })}
      {overflow ? (
        <Text wrap="truncate">
          <Txt tone="dim">  … {rows.length - visible} more</Txt>
        </Text>
      ) : null}
    </Box>
  );
}
