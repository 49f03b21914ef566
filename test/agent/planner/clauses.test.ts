// The clause grammar: arrows order steps like "then".
import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/agent/planner/clauses.ts';

describe('clauses', () => {
  it('splits at arrows, each joined by "then"', () => {
    const clauses = splitClauses('drift -> segment → track => csv');
    expect(clauses.map((c) => c.text)).toEqual(['drift', 'segment', 'track', 'csv']);
    expect(clauses.slice(1).map((c) => c.joiner)).toEqual(['then', 'then', 'then']);
  });

  it('keeps negative numbers and hyphens inside a clause', () => {
    expect(splitClauses('move the focus to -5 µm').map((c) => c.text)).toEqual(['move the focus to -5 µm']);
    expect(splitClauses('a time-lapse of nuclei').length).toBe(1);
  });
});
