// A count said with its noun in agreement ("1 object", "0 objects", "6.3 objects"): the one
// place every count sentence of the tools and the answers gets its plural from.

/** "1 track", "5 tracks", "1.5 objects"; `many` for a plural that is not noun + "s" ("1 mitosis", "2 mitoses"). */
export function counted(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}
