/** What went wrong with a sign-in, from next-auth's `error` (see lib/auth/options.ts). */
export type SignInError =
  | { kind: "invalid" }
  | { kind: "missing" }
  | { kind: "rate_limited"; minutes: number }
  | { kind: "generic" };

export function signInErrorFromCode(code: string | null | undefined): SignInError | null {
  if (!code) return null;
  const limited = /^rate_limited:(\d+)$/.exec(code);
  if (limited) return { kind: "rate_limited", minutes: Math.max(1, Number(limited[1])) };
  if (code === "CredentialsSignin") return { kind: "invalid" };
  return { kind: "generic" };
}
