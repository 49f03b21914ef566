// A plot or image: inline (kitty / iTerm2) where the terminal can show pictures,
// else a half-block text rendering; always with the file path.
import React from 'react';
import { Box, Text, Transform } from 'ink';
import type { ImagePreview } from '../state.ts';

export function ImageView({ image }: { image: ImagePreview }): React.ReactElement {
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {image.inline ? (
        // the escape sequence must reach the terminal untouched
        <Transform transform={() => image.inline!}>
          <Text> </Text>
        </Transform>
      ) : (
        image.lines.map((l, i) => <Text key={i}>{l}</Text>)
      )}
      <Text dimColor wrap="truncate-middle">{`PNG: ${image.path}`}</Text>
    </Box>
  );
}
