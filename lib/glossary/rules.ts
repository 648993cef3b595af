import type { Role } from "@/lib/enums";
import { sideOf, type Side } from "@/lib/workspace/teams";

/**
 * The approval rule of the glossary (plain module, tested in rules.test.ts).
 *
 * The issue: a term is "agreed" only when a marketing lead and a sales lead (or leadership) have
 * both approved its current version. Reading, written down here: the approvals of the CURRENT
 * version must come from at least two different sides of {marketing, sales, leadership} —
 * leadership may stand in for either team, but one side alone (two marketers, two sales people,
 * or leadership alone) never agrees a term. Admin speaks for no side: an admin's approval is
 * refused (the service) and would not count here. Whoever writes a version approves it for their
 * own side (proposing a definition is agreeing to it), so one approval from another side agrees
 * it. An edit creates a new version; approvals belong to a version, so an edit resets agreement.
 */
export function approvedSides(approverRoles: readonly Role[]): Side[] {
  const sides = new Set<Side>();
  for (const role of approverRoles) {
    const side = sideOf(role);
    if (side) sides.add(side);
  }
  return (["marketing", "sales", "leadership"] as const).filter((s) => sides.has(s));
}

/** Whether approvals by these roles (of one version) agree a term. */
export function isAgreed(approverRoles: readonly Role[]): boolean {
  return approvedSides(approverRoles).length >= 2;
}

/** Whether a user with `role` may approve a term at all. */
export function canApprove(role: Role): boolean {
  return sideOf(role) !== null;
}

/**
 * Whether `role`'s approval would still change anything for a version approved by
 * `approverRoles`: the version is not agreed yet and the role adds a new side.
 */
export function approvalWouldHelp(role: Role, approverRoles: readonly Role[]): boolean {
  const side = sideOf(role);
  return side !== null && !isAgreed(approverRoles) && !approvedSides(approverRoles).includes(side);
}
