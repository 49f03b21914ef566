export * from './movie.ts';
export { openMovie } from './reader.ts';
export { createMovieWriter, writeMovie, type MovieWriter, type WriterOptions } from './writer.ts';
export { movieInfo, formatMovieInfo, formatBytes, type MovieInfo } from './info.ts';
export { seriesFiles } from './series.ts';
export { frameWindow, reinterpretAxes, stackAsTimeSeries } from './views.ts';
export { seriesEntries } from './series.ts';
