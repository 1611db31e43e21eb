// A panel's one-line heading: title, a short detail, a rule, and how fresh the panel's data is.
// The freshness tag is laid out first so a narrow panel cuts its title, never the STALE marker.
import { Text } from 'ink';
import stringWidth from 'string-width';
import { fit } from './format.js';
import { freshnessText, type Freshness } from './freshness.js';
import { Txt } from './txt.js';

export function PanelTitle(props: { title: string; detail?: string; fresh?: Freshness; width: number }): React.JSX.Element {
  const { title, fresh, width } = props;
  const detail = props.detail ? `  ${props.detail}` : '';
  const long = fresh ? freshnessText(fresh, true) : '';
  // Measured in terminal cells: a filter in CJK takes two cells a character.
  const titleW = stringWidth(title);
  const detailW = stringWidth(detail);
  const tag = fresh && titleW + detailW + long.length + 4 > width ? freshnessText(fresh, false) : long;
  const room = Math.max(0, width - tag.length - (tag ? 1 : 0) - 2);
  // a detail that does not fit is left out whole: a cut number ("15,324" → "1") would mislead
  const shownTitle = titleW + detailW <= room ? title : fit(title, Math.min(titleW, room)).trimEnd();
  const shownDetail = titleW + detailW <= room ? detail : '';
  const rule = '─'.repeat(Math.max(1, width - stringWidth(shownTitle) - stringWidth(shownDetail) - tag.length - (tag ? 2 : 1)));
  return (
    <Text wrap="truncate">
      <Txt tone="title">{shownTitle}</Txt>
      <Txt tone="dim">{shownDetail}</Txt>
      <Txt tone="dim"> {rule}</Txt>
      {fresh ? (fresh.stale ? <FreshStale age={fresh.age} /> : <Txt tone="dim"> {tag}</Txt>) : null}
    </Text>
  );
}

function FreshStale(props: { age: string }): React.JSX.Element {
  return (
    <>
      {' '}
      <Txt tone="stale">STALE</Txt>
      <Txt tone="warn"> {props.age}</Txt>
    </>
  );
}
