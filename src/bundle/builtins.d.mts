export const builtin: (id: string) => any;
