"use client";

import { useTranslations } from "next-intl";
import type { Role } from "@/lib/enums";

/** The `<option>`s of a role select, with the roles' translated names. */
export function RoleOptions({ roles }: { roles: readonly Role[] }) {
  const common = useTranslations("common");
  return roles.map((r) => (
    <option key={r} value={r}>
      {common(`role.${r}`)}
    </option>
  ));
}
