import { sql } from "drizzle-orm";
import { beforeEach, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { describeDb } from "@/lib/testing/describe-db";
import { updateSettings } from "@/lib/settings/settings";
import { resolveTimeZone } from "./request";

vi.mock("@/db/client", async (original) => ({ ...(await original<typeof import("@/db/client")>()), getDb: vi.fn() }));

describeDb("the i18n time zone is the organisation's", (t) => {
  beforeEach(() => {
    vi.mocked(getDb).mockResolvedValue(t().conn.db);
  });

  it("reads the time_zone setting", async () => {
    expect(await resolveTimeZone()).toBe("UTC");
    await updateSettings(t().conn.db, { time_zone: "America/New_York" });
    expect(await resolveTimeZone()).toBe("America/New_York");
  });

  it("falls back to UTC for a zone that is not valid or a database that cannot be read", async () => {
    await t().conn.db.execute(sql`update organisation_settings set time_zone = 'Mars/Olympus_Mons' where id = 1`);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await resolveTimeZone()).toBe("UTC");
    vi.mocked(getDb).mockRejectedValue(new Error("no database"));
    expect(await resolveTimeZone()).toBe("UTC");
  });
});
