// A panel's one-line heading: title, a short detail, a rule, and how fresh the panel's data is.
// The freshness tag is laid out first so a narrow panel cuts its title, never the STALE marker.
import { Text } from 'ink';
import { fit } from './format.js';
import { freshnessText, type Freshness } from './freshness.js';
import { Txt } from './txt.js';

export function PanelTitle(props: { title: string; detail?: string; fresh?: Freshness; width: number }): React.JSX.Element {
  const { title, fresh, width } = props;
  const detail = props.detail ? `  ${props.detail}` : '';
  const long = fresh ? freshnessText(fresh, true) : '';
  const tag = fresh && title.length + detail.length + long.length + 4 > width ? freshnessText(fresh, false) : long;
  const room = Math.max(0, width - tag.length - (tag ? 1 : 0) - 2);
  // a detail that does not fit is left out whole: a cut number ("15,324" → "1") would mislead
  const head = title.length + detail.length <= room ? title + detail : fit(title, Math.min(title.length, room)).trimEnd();
  const rule = '─'.repeat(Math.max(1, width - head.length - tag.length - (tag ? 2 : 1)));
  return (
    <Text wrap="truncate">
      <Txt tone="title">{head.slice(0, title.length)}</Txt>
      <Txt tone="dim">{head.slice(title.length)}</Txt>
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
