// The first rows of a measurement table, with the CSV path to open the rest.
import React from 'react';
import { Box, Text } from 'ink';
import type { TablePreview } from '../state.ts';
import { formatCell, truncate } from '../format.ts';

/** Lays out the columns that fit in `width`, each as wide as its widest shown cell (max 14). */
export function tableLines(table: TablePreview, width: number, maxRows = 5): string[] {
  const rows = table.rows.slice(0, maxRows);
  const widths: number[] = [];
  const shown: string[] = [];
  let used = 0;
  for (const column of table.columns) {
    const w = Math.min(14, Math.max(column.length, ...rows.map((r) => formatCell(r[column]).length)));
    if (used + w + 2 > width && shown.length > 0) break;
    shown.push(column);
    widths.push(w);
    used += w + 2;
  }
  const line = (cells: string[]) => cells.map((c, i) => truncate(c, widths[i]).padStart(widths[i])).join('  ');
  const out = [line(shown), ...rows.map((r) => line(shown.map((c) => formatCell(r[c]))))];
  const hidden = table.columns.length - shown.length;
  const more = [table.totalRows > rows.length ? `+${table.totalRows - rows.length} rows` : '', hidden > 0 ? `+${hidden} columns` : ''].filter(Boolean);
  if (more.length) out.push(truncate(`… ${more.join(', ')}`, width));
  return out;
}

export function TableView({ table, width }: { table: TablePreview; width: number }): React.ReactElement {
  const lines = tableLines(table, Math.max(20, width - 2));
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text bold>{lines[0]}</Text>
      {lines.slice(1).map((l, i) => (
        <Text key={i} dimColor={l.startsWith('…')}>
          {l}
        </Text>
      ))}
      <Text dimColor wrap="truncate-middle">{`CSV: ${table.path}`}</Text>
    </Box>
  );
}
