import "server-only";
import { getDb } from "@/db/client";
import type { SessionUser } from "@/lib/auth/user";
import { can } from "@/lib/authz/policy";
import { unreadCount } from "@/lib/feedback/queries";

/** The navigation's unread count of the user's feedback inbox (0 when it cannot be read: the shell still renders). */
export async function feedbackUnread(user: SessionUser): Promise<number> {
  if (!can(user.role, "feedback", "view")) return 0;
  try {
    return await unreadCount(await getDb(), user);
  } catch {
    return 0;
  }
}
