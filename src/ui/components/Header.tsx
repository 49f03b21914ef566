// The top line: backend, session and loaded movies.
import React from 'react';
import { Box, Text } from 'ink';

export interface HeaderInfo {
  model: string;
  sessionId?: string;
  movies: string[];
  loading?: boolean;
}

export function Header({ info, width }: { info: HeaderInfo; width: number }): React.ReactElement {
  const movies = info.movies.length ? info.movies.join(', ') : 'no movie loaded';
  return (
    <Box borderStyle="round" borderColor="cyan" paddingX={1} width={Math.max(20, width)} flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyan">cellpilot</Text>
        <Text>{`  model: ${info.model}`}</Text>
        <Text dimColor>{`  session: ${info.sessionId ?? (info.loading ? 'starting…' : '-')}`}</Text>
      </Text>
      <Text wrap="truncate-end" dimColor>{`movies: ${movies}`}</Text>
    </Box>
  );
}
