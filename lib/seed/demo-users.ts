import type { Role } from "@/lib/enums";

/**
 * The demo logins the demo seed creates, one per role (README lists them). A plain module, so the
 * seed, the end-to-end tests and the HTTP security tests share one list. Never use them on an
 * installation that holds real data.
 */
export const DEMO_USERS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@alignboard.example", name: "Demo Admin", role: "admin", password: "admin-demo-pass" },
  { email: "leadership@alignboard.example", name: "Demo Leadership", role: "leadership", password: "leadership-demo-pass" },
  { email: "marketing@alignboard.example", name: "Demo Marketing", role: "marketing", password: "marketing-demo-pass" },
  { email: "sales@alignboard.example", name: "Demo Sales", role: "sales", password: "sales-demo-pass" },
];

/** The demo login of each role: e-mail and password. */
export function demoLogin(role: Role): { email: string; password: string } {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user for role ${role}`);
  return { email: user.email, password: user.password };
}

/** Every role's demo login, by role (for the end-to-end and security tests). */
export const DEMO_LOGINS: Readonly<Record<Role, { email: string; password: string }>> = {
  admin: demoLogin("admin"),
  leadership: demoLogin("leadership"),
  marketing: demoLogin("marketing"),
  sales: demoLogin("sales"),
};
