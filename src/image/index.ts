export * from './movie.ts';
export { openMovie } from './reader.ts';
export { createMovieWriter, writeMovie, type MovieWriter, type WriterOptions } from './writer.ts';
