// One tool call: name and key arguments, a spinner and a progress bar while it runs,
// then the duration, the one-line summary, a table or image preview, and where an export wrote its files.
import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { ToolCardState } from '../state.ts';
import { formatDuration, progressBar, summarizeArgs } from '../format.ts';
import { TableView } from './TableView.tsx';
import { ImageView } from './ImageView.tsx';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function Spinner(): React.ReactElement {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % SPINNER.length), 100);
    return () => clearInterval(timer);
  }, []);
  return <Text color="cyan">{SPINNER[frame]}</Text>;
}

const MARK: Record<string, { symbol: string; color: string }> = {
  ok: { symbol: '✓', color: 'green' },
  error: { symbol: '✗', color: 'red' },
  invalid: { symbol: '✗', color: 'red' },
  cancelled: { symbol: '■', color: 'yellow' },
};

function ProgressLine({ card, width }: { card: ToolCardState; width: number }): React.ReactElement {
  if (card.total === undefined || card.done === undefined) return <Text dimColor>  starting…</Text>;
  const barWidth = Math.max(10, Math.min(40, width - 44));
  const left = card.etaS === undefined ? '' : ` · ${formatDuration(card.etaS * 1000)} left`;
  const label = card.label ?? 'planes';
  return (
    <Text>
      {'  '}
      <Text color="cyan">{progressBar(card.done, card.total, barWidth)}</Text>
      <Text>{` ${card.done}/${card.total} ${label}${left}`}</Text>
    </Text>
  );
}

export function ToolCard({ card, width }: { card: ToolCardState; width: number }): React.ReactElement {
  const args = summarizeArgs(card.args, Math.max(20, width - card.tool.length - 16));
  const mark = MARK[card.status];
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text wrap="truncate-end">
        {card.status === 'running' ? <Spinner /> : <Text color={mark.color}>{mark.symbol}</Text>}
        <Text bold>{` ${card.tool}`}</Text>
        {args ? <Text dimColor>{`  ${args}`}</Text> : null}
        {card.durationMs !== undefined ? <Text dimColor>{` · ${formatDuration(card.durationMs)}`}</Text> : null}
      </Text>
      {card.status === 'running' ? <ProgressLine card={card} width={width} /> : null}
      {card.summary ? (
        <Box paddingLeft={2}>
          <Text color={card.status === 'ok' ? undefined : mark.color}>{card.summary}</Text>
        </Box>
      ) : null}
      {card.table ? <TableView table={card.table} width={width - 2} /> : null}
      {card.image ? <ImageView image={card.image} /> : null}
      {(card.files ?? []).map((path) => (
        <Box key={path} paddingLeft={2}>
          <Text dimColor wrap="truncate-middle">{`saved: ${path}`}</Text>
        </Box>
      ))}
    </Box>
  );
}
