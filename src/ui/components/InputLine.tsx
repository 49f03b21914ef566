// The prompt with a visible cursor; the editing itself is in lineEditor.ts.
import React from 'react';
import { Box, Text } from 'ink';
import type { EditorState } from '../lineEditor.ts';

export function InputLine({ editor, busy, hint }: { editor: EditorState; busy: boolean; hint?: string }): React.ReactElement {
  const before = editor.value.slice(0, editor.cursor);
  const at = editor.value[editor.cursor] ?? ' ';
  const after = editor.value.slice(editor.cursor + 1);
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={busy ? 'yellow' : 'green'} bold>{'› '}</Text>
        <Text>{before}</Text>
        <Text inverse>{at}</Text>
        <Text>{after}</Text>
      </Text>
      {hint ? (
        <Text dimColor wrap="truncate-end">
          {hint}
        </Text>
      ) : null}
    </Box>
  );
}
