// A plot or image: a half-block text rendering where the terminal cannot show pictures
// (where it can, kitty / iTerm2, App writes the picture itself below the card, since
// Ink's layout cannot measure an inline image); always with the file path.
import React from 'react';
import { Box, Text } from 'ink';
import type { ImagePreview } from '../state.ts';

export function ImageView({ image }: { image: ImagePreview }): React.ReactElement {
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {image.inline ? null : image.lines.map((l, i) => <Text key={i}>{l}</Text>)}
      <Text dimColor wrap="truncate-middle">{`PNG: ${image.path}`}</Text>
    </Box>
  );
}
