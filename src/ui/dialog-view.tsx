// Renders the open prompt of use-dialog at the bottom of a view and takes its keys.
import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Hint } from './console-context.js';
import { TextInput } from './text-input.js';
import { Txt } from './txt.js';
import type { DialogStep } from './use-dialog.js';
import { useKeys } from './use-keys.js';

/** Lines the prompt takes, so the view can give the rest to its tables. */
export function dialogHeight(step: DialogStep | null): number {
  if (!step) return 0;
  return step.kind === 'confirm' ? step.lines.length + 1 : 1;
}

export function dialogHints(step: DialogStep): Hint[] {
  if (step.kind === 'text') return [{ key: '↵', label: 'ok' }, { key: 'esc', label: 'cancel' }, { key: '^U', label: 'clear' }];
  if (step.kind === 'choice') return [{ key: '←→', label: 'choose' }, { key: '↵', label: 'ok' }, { key: 'esc', label: 'cancel' }];
  return [{ key: 'y', label: 'confirm' }, { key: 'n', label: 'cancel' }];
}

export function DialogView(props: { step: DialogStep; close(): void; width: number }): React.JSX.Element {
  const { step } = props;
  if (step.kind === 'text') return <TextPrompt key={step.id} step={step} close={props.close} width={props.width} />;
  if (step.kind === 'choice') return <ChoicePrompt key={step.id} step={step} close={props.close} />;
  return <ConfirmPrompt key={step.id} step={step} close={props.close} />;
}

function TextPrompt(props: { step: Extract<DialogStep, { kind: 'text' }>; close(): void; width: number }): React.JSX.Element {
  const { step } = props;
  const [error, setError] = useState<string | null>(null);
  const label = `${step.label}: `;
  const room = props.width - label.length - (error ? error.length + 3 : 0);
  return (
    <Box width={props.width} flexShrink={0}>
      <Text wrap="truncate">
        <Txt tone="key">{label}</Txt>
      </Text>
      <Box width={Math.max(4, room)} flexShrink={0}>
        <TextInput
          initial={step.initial}
          width={Math.max(4, room)}
          onChange={() => setError(null)}
          onSubmit={(v) => {
            const problem = step.validate?.(v) ?? null;
            if (problem) return setError(problem);
            props.close();
            step.resolve(v);
          }}
          onCancel={() => {
            props.close();
            step.resolve(null);
          }}
        />
      </Box>
      {error ? (
        <Text wrap="truncate">
          <Txt tone="bad"> ✗ {error}</Txt>
        </Text>
      ) : null}
    </Box>
  );
}

function ChoicePrompt(props: { step: Extract<DialogStep, { kind: 'choice' }>; close(): void }): React.JSX.Element {
  const { step } = props;
  const [index, setIndex] = useState(step.index);
  const n = step.options.length;
  useKeys((input, key) => {
    if (key.leftArrow || key.upArrow || input === 'h' || input === 'k') setIndex((i) => (i + n - 1) % n);
    else if (key.rightArrow || key.downArrow || input === 'l' || input === 'j' || input === ' ') setIndex((i) => (i + 1) % n);
    else if (key.return) {
      props.close();
      step.resolve(step.options[index] ?? null);
    } else if (key.escape) {
      props.close();
      step.resolve(null);
    }
  });
  return (
    <Text wrap="truncate">
      <Txt tone="key">{step.label}: </Txt>
      <Txt tone="dim">◀ </Txt>
      <Txt tone="selected">{step.options[index]}</Txt>
      <Txt tone="dim"> ▶ {index + 1}/{n}</Txt>
    </Text>
  );
}

function ConfirmPrompt(props: { step: Extract<DialogStep, { kind: 'confirm' }>; close(): void }): React.JSX.Element {
  const { step } = props;
  useKeys((input, key) => {
    if (input === 'y' || input === 'Y') {
      props.close();
      step.resolve(true);
    } else if (input === 'n' || input === 'N' || key.escape) {
      props.close();
      step.resolve(false);
    }
  });
  return (
    <Box flexDirection="column" flexShrink={0}>
      {step.lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          <Txt tone={i === 0 ? 'warn' : 'plain'}>{line}</Txt>
        </Text>
      ))}
      <Text wrap="truncate">
        <Txt tone="key">confirm? y/n</Txt>
      </Text>
    </Box>
  );
}
