/**
 * The shape every status table of Réemploi follows (devices in `devices/lifecycle.ts`, batches in
 * `batches/batch-lifecycle.ts`, referrals in `referrals/referral-lifecycle.ts`): rows of
 * `from` → `to` named by the action that makes them, read by one function per domain.
 */
export interface StatusStep<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  /** The status after the action; none for an action that changes the content, not the status. */
  to?: S;
}

/** The row of `table` for `action`, if `status` allows it. */
export function stepFrom<S extends string, A extends string, Step extends StatusStep<S, A>>(table: readonly Step[], status: S, action: A): Step | undefined {
  return table.find((step) => step.action === action && step.from.includes(status));
}
