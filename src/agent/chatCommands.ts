// The chat's slash commands by name: the chat (src/ui/slash.ts) runs them, the usage answer
// (usage.ts) lists them; the list lives here, below both, so the agent never imports the interface.
export const COMMANDS = ['help', 'tools', 'log', 'artifacts', 'save-pipeline', 'calibrate', 'sessions', 'resume', 'model', 'acq', 'demo', 'clear', 'quit', 'exit'];
