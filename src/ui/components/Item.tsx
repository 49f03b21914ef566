// One transcript item.
import React from 'react';
import { Box, Text } from 'ink';
import type { TranscriptItem } from '../state.ts';
import { ToolCard } from './ToolCard.tsx';
import { Header } from './Header.tsx';

export function Item({ item, width }: { item: TranscriptItem; width: number }): React.ReactElement {
  switch (item.kind) {
    case 'user':
      return (
        <Box marginBottom={1}>
          <Text color="green" bold>{'› '}</Text>
          <Text>{item.text}</Text>
        </Box>
      );
    case 'assistant':
      return (
        <Box marginBottom={1}>
          <Text>{item.text}</Text>
        </Box>
      );
    case 'tool':
      return <ToolCard card={item.card} width={width} />;
    case 'header':
      return (
        <Box marginBottom={1}>
          <Header info={item.info} width={Math.min(width, 100)} />
        </Box>
      );
    case 'notice':
      return (
        <Box marginBottom={1} flexDirection="column">
          <Text color={item.tone === 'error' ? 'red' : item.tone === 'help' ? undefined : 'gray'}>{item.tone === 'error' ? `✗ ${item.text}` : item.text}</Text>
        </Box>
      );
  }
}
