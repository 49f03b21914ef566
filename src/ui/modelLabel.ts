// The backend's name for the header before the agent has loaded; mirrors
// defaultModelName() in src/agent/models.ts without importing the agent.
export function modelLabel(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.CELLPILOT_MODEL) return env.CELLPILOT_MODEL;
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) return `openai:${env.OPENAI_MODEL ?? 'gpt-4o-mini'}`;
  return 'offline';
}
