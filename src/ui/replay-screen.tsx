// View 6: choose topics and a start time, see what a replay would re-read, confirm, and watch
// its progress. Read-only consoles see the progress only.
import { Box, Text } from 'ink';
import type { Hint } from './console-context.js';
import { DialogView, dialogHints } from './dialog-view.js';
import { fit, int } from './format.js';
import { viewHints } from './keys.js';
import { TOPIC_NAMES } from './model.js';
import { PanelTitle } from './panel-title.js';
import { ReplayProgressPanel } from './replay-progress-panel.js';
import { fromLabel, parseFrom } from './replay-from.js';
import { Txt } from './txt.js';
import { useDialog } from './use-dialog.js';
import { useHints } from './use-hints.js';
import { useReplayForm } from './use-replay-form.js';
import type { ScreenProps } from './view-props.js';
import { useKeys } from './use-keys.js';

export function ReplayScreen({ snapshot, now, width, height, active }: ScreenProps): React.JSX.Element {
  const dialog = useDialog();
  const form = useReplayForm(dialog.ask);
  const running = snapshot.replay?.state === 'running';

  useKeys(
    (input, key) => {
      if (!form) return;
      if (key.upArrow || input === 'k') form.move(-1);
      else if (key.downArrow || input === 'j') form.move(1);
      else if (input === ' ') form.toggle();
      else if (input === 't') void form.editFrom();
      else if (key.return) void form.planAndStart(running, snapshot.overview.watermark);
    },
    active && !dialog.step && form !== null,
  );
  const hints: Hint[] = dialog.step ? dialogHints(dialog.step) : viewHints('replay', form === null);
  useHints(hints);

  const parsed = form ? parseFrom(form.fromText) : null;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <PanelTitle title="replay" detail="re-read the sources from a time; outputs match a live run" width={width} />
      {form ? (
        <Box flexDirection="column" flexShrink={0}>
          {TOPIC_NAMES.map((t, i) => (
            <Text key={t} wrap="truncate">
              <Txt tone={i === form.cursor ? 'selected' : 'plain'}>
                {i === form.cursor ? '›' : ' '} [{form.topics.includes(t) ? 'x' : ' '}] {t}
              </Txt>
            </Text>
          ))}
          <Text wrap="truncate">
            {'  '}from <Txt tone="accent">{form.fromText}</Txt>
            <Txt tone="dim">{parsed?.ok && parsed.from !== null ? ` = ${fromLabel(parsed.from)}` : ''}  (t to change)</Txt>
          </Text>
        </Box>
      ) : (
        <Text wrap="truncate">
          <Txt tone="dim">read-only console: replays cannot be started here</Txt>
        </Text>
      )}
      {form?.plan ? (
        <Box flexDirection="column" flexShrink={0}>
          <PanelTitle title="plan" detail={`from ${fromLabel(form.plan.from)}`} width={width} />
          {form.plan.topics.map((t) => (
            <Text key={t} wrap="truncate">
              {'  '}
              {fit(t, 24)} {fit(int(form.plan!.per_topic[t] ?? 0), 14, 'right')} records
            </Text>
          ))}
          <Text wrap="truncate">
            {'  '}
            <Txt tone="title">{fit('total', 24)} {fit(int(form.plan.total), 14, 'right')}</Txt> records
          </Text>
        </Box>
      ) : null}
      {snapshot.replay && !form?.plan ? <ReplayProgressPanel replay={snapshot.replay} now={now} width={width} /> : null}
      <Box flexGrow={1} />
      {dialog.step ? <DialogView step={dialog.step} close={dialog.close} width={width} /> : null}
    </Box>
  );
}
