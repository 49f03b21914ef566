// The approval gate: a tool call that is irreversible or risky (its definition says so in
// `needsApproval`, a flag or a function of the arguments) runs only when a person says
// yes: in the chat (y/n), or with `--yes` for `cellpilot ask` and scripts. The model's own
// arguments (e.g. add_rule's `confirm: true`) never count as a person's confirmation.
import type { ToolContext, ToolSpec } from '../../tools/types.ts';

export interface ApprovalRequest {
  tool: string;
  args: Record<string, unknown>;
  /** What will happen, in one line. */
  action: string;
}

/** Asks a person; resolves true for yes. */
export type Approver = (request: ApprovalRequest) => Promise<boolean>;

/** What the call will do that needs a person's approval, or undefined when it needs none. */
export async function approvalNeeded(tool: ToolSpec, args: Record<string, unknown>, ctx: ToolContext): Promise<string | undefined> {
  const check = tool.needsApproval;
  if (!check) return undefined;
  if (check === true) return `run ${tool.name} ${JSON.stringify(args)}`;
  return (await check(args, ctx)) || undefined;
}

/** The one line a refused call answers with: what was not done and how to confirm it. */
export function notApproved(request: ApprovalRequest, asked: boolean): string {
  return asked
    ? `not done: you declined to ${request.action}`
    : `not done: "${request.action}" needs a person's confirmation: answer y when the chat asks, or run again with --yes`;
}

/** For callers with no person to ask (`ask` without --yes, scripts): refuse, and tell `onRefused`. */
export function refuseAll(onRefused?: (request: ApprovalRequest) => void): Approver & { asks: false } {
  return Object.assign(async (request: ApprovalRequest) => {
    onRefused?.(request);
    return false;
  }, { asks: false as const });
}

/** For `--yes`: every call is approved, and `onApproved` hears what. */
export function approveAll(onApproved?: (request: ApprovalRequest) => void): Approver {
  return async (request) => {
    onApproved?.(request);
    return true;
  };
}

/**
 * Runs the gate for one call: undefined when it may run, else the one-line refusal.
 * `approve` undefined: a person is making the call directly (`cellpilot tool`, tests): no gate.
 */
export async function gate(tool: ToolSpec, args: Record<string, unknown>, ctx: ToolContext, approve: Approver | undefined): Promise<string | undefined> {
  if (!approve) return undefined;
  const action = await approvalNeeded(tool, args, ctx);
  if (!action) return undefined;
  const request = { tool: tool.name, args, action };
  if (await approve(request)) return undefined;
  return notApproved(request, (approve as { asks?: boolean }).asks !== false);
}
