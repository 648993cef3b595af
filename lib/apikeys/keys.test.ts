import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys, auditLog } from "@/db/schema";
import { describeDb } from "@/lib/testing/describe-db";
import { createApiKey, hashApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./keys";
import { runApiKeyCommand } from "./cli";

describeDb("api keys", (t) => {
  it("creates a key shown once, stores only its hash and a prefix, and verifies it", async () => {
    const db = t().conn.db;
    const { id, key, prefix } = await createApiKey(db, { name: "BI tool", role: "marketing" });
    expect(key).toMatch(/^ab_live_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(8, 16));
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row?.keyHash).toBe(hashApiKey(key));
    expect(row?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await verifyApiKey(db, key)).toEqual({ id, name: "BI tool", role: "marketing" });
  });

  it("rejects bad keys", async () => {
    const db = t().conn.db;
    const { key } = await createApiKey(db, { name: "x", role: "sales" });
    expect(await verifyApiKey(db, "")).toBeNull();
    expect(await verifyApiKey(db, "nonsense")).toBeNull();
    expect(await verifyApiKey(db, `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await verifyApiKey(db, `ab_live_${"A".repeat(43)}`)).toBeNull();
  });

  it("revokes a key: it no longer verifies, and revoking twice or an unknown id is reported", async () => {
    const db = t().conn.db;
    const { id, key } = await createApiKey(db, { name: "old", role: "leadership" }, { label: "test" });
    expect(await revokeApiKey(db, id, { label: "test" })).toBe("revoked");
    expect(await verifyApiKey(db, key)).toBeNull();
    expect(await revokeApiKey(db, id)).toBe("already_revoked");
    expect(await revokeApiKey(db, 999_999)).toBe("not_found");
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, String(id)));
    expect(audit.filter((a) => a.entity === "api_key").map((a) => a.action).sort()).toEqual(["create", "revoke"]);
    const listed = (await listApiKeys(db)).find((k) => k.id === id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
  });

  it("updates last_used_at at most once a minute", async () => {
    const db = t().conn.db;
    const { id, key } = await createApiKey(db, { name: "usage", role: "sales" });
    const t0 = new Date("2030-01-01T10:00:00Z");
    await verifyApiKey(db, key, t0);
    await verifyApiKey(db, key, new Date(t0.getTime() + 30_000));
    let [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row?.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    await verifyApiKey(db, key, new Date(t0.getTime() + 61_000));
    [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row?.lastUsedAt?.toISOString()).toBe("2030-01-01T10:01:01.000Z");
  });

  it("validates the name and role", async () => {
    const db = t().conn.db;
    await expect(createApiKey(db, { name: " ", role: "sales" })).rejects.toThrow(/is required/);
    await expect(createApiKey(db, { name: "x", role: "boss" })).rejects.toThrow(/must be one of/);
  });

  it("the command prints the key alone on the last line, lists and revokes", async () => {
    const db = t().conn.db;
    const lines: string[] = [];
    await runApiKeyCommand(db, ["create", "--name", "From CLI", "--role", "admin"], (l) => lines.push(l));
    const key = lines.at(-1) ?? "";
    expect(key).toMatch(/^ab_live_[A-Za-z0-9_-]{43}$/);
    const verified = await verifyApiKey(db, key);
    expect(verified?.role).toBe("admin");
    lines.length = 0;
    await runApiKeyCommand(db, ["list"], (l) => lines.push(l));
    expect(lines.join("\n")).toContain('name="From CLI" role=admin');
    expect(lines.join("\n")).not.toContain(key);
    await runApiKeyCommand(db, ["revoke", "--id", String(verified?.id)], (l) => lines.push(l));
    expect(await verifyApiKey(db, key)).toBeNull();
    await expect(runApiKeyCommand(db, ["create", "--name", "x", "--role", "boss"], () => undefined)).rejects.toThrow(
      /^role: must be one of/,
    );
    await expect(runApiKeyCommand(db, ["create", "--role", "sales"], () => undefined)).rejects.toThrow(/--name is required/);
    await expect(runApiKeyCommand(db, ["revoke", "--id", "abc"], () => undefined)).rejects.toThrow(/--id/);
    await expect(runApiKeyCommand(db, ["revoke", "--id", "424242"], () => undefined)).rejects.toThrow(/no API key/);
  });
});
