// "tell me if they slow down", "show me if the nuclei shrink" (stop 50, helper D): "if" after an ask is "whether", an
// indirect question about the data, never the condition of a rule ("if they slow down, ...") nor a command to the microscope
// ("slow down"). Notifications keep their "if" ("let me know if the focus drifts", "alert me if the dose passes 50%").
const TELL_ME_IF = /\b(tell|show)(\s+(?:me|us))\s+if\b(?!\s+(?:you|it(?:'s|\s+is)\s+possible|possible|that'?s\s+(?:ok|okay|possible)))/gi;

/** The request with the "if" of "tell me if ..." said as "whether". */
export function withTellMeIfAsWhether(text: string): string {
  return text.replace(TELL_ME_IF, '$1$2 whether');
}
