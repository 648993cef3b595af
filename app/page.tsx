import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { homeFor } from "@/lib/navigation";

/** The root sends a signed-in user to their home area, everyone else to sign-in. */
export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? homeFor(user.role) : "/signin");
}
