// The channel vocabulary of microscopists: channel names (Micro-Manager presets and common
// fluorophores) and the laser lines that excite them. Which words mean which tool is in
// each tool's own declaration (tools/*.ts: words, examples, valueWords), read by matcher.ts.

/** Channel names as microscopists write them (Micro-Manager demo presets and common fluorophores). */
export const CHANNEL_NAMES = ['DAPI', 'Hoechst', 'GFP', 'FITC', 'YFP', 'CFP', 'mCherry', 'RFP', 'tdTomato', 'Rhodamine', 'TRITC', 'Cy5', 'Cy3', 'mScarlet', 'mNeonGreen', 'SiR', 'Brightfield', 'Phase', 'DIC'];

/** Laser lines to the channel they excite (Micro-Manager demo names). */
export const LASER_CHANNELS: Record<string, string> = { '405': 'DAPI', '488': 'FITC', '561': 'Rhodamine', '555': 'Rhodamine', '640': 'Cy5', '647': 'Cy5', '633': 'Cy5' };
