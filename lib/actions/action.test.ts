import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/user";
import { DomainError } from "@/lib/errors";
import { ACTION_MESSAGES, runAction } from "./action";

const db = {} as Db;
const admin: SessionUser = { id: 1, email: "admin@example.com", name: "Admin", role: "admin", locale: "en" };
const sales: SessionUser = { id: 2, email: "sales@example.com", name: "Sales", role: "sales", locale: "en" };

const schema = z.object({
  email: z.string().email({ message: "must be an e-mail address" }),
  count: z.coerce.number().int().min(1),
});
const opts = { area: "admin" as const, access: "edit" as const, schema };

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

describe("action wrapper (runAction)", () => {
  it("runs fn with the parsed input and the context, returning data", async () => {
    const fn = vi.fn(async (input: { email: string; count: number }, ctx: { user: SessionUser; db: Db }) => ({
      echoed: input.count * 2,
      by: ctx.user.email,
    }));
    const state = await runAction(admin, db, opts, fn, form({ email: "a@b.co", count: "3", $ACTION_ID_x: "" }));
    expect(state).toEqual({ ok: true, data: { echoed: 6, by: "admin@example.com" } });
    expect(fn).toHaveBeenCalledWith({ email: "a@b.co", count: 3 }, { user: admin, db });
  });

  it("accepts a plain object as input", async () => {
    const state = await runAction(admin, db, opts, async (i) => i.count, { email: "a@b.co", count: 2 });
    expect(state).toEqual({ ok: true, data: 2 });
  });

  it("returns fieldErrors naming the field for bad input and does not run fn", async () => {
    const fn = vi.fn(async () => "ran");
    const state = await runAction(admin, db, opts, fn, form({ email: "not-an-email", count: "1" }));
    expect(state.ok).toBe(false);
    expect(state.code).toBe("invalid");
    expect(state.fieldErrors).toEqual({ email: ["must be an e-mail address"] });
    expect(fn).not.toHaveBeenCalled();
    const missing = await runAction(admin, db, opts, fn, form({ email: "a@b.co" }));
    expect(Object.keys(missing.fieldErrors ?? {})).toEqual(["count"]);
  });

  it("refuses a NUL or control character in any field with a field error, whatever the schema (issue 8 item 7)", async () => {
    const fn = vi.fn(async () => "ran");
    const state = await runAction(admin, db, opts, fn, form({ email: "a@b.co", count: "1", title: "Road\u0000map" }));
    expect(state).toMatchObject({ ok: false, code: "invalid", fieldErrors: { title: ["must not contain a NUL character"] } });
    const nested = await runAction(admin, db, opts, fn, {
      email: "a@b.co",
      count: 1,
      tags: ["ok", "b\u0001"],
    } as z.input<typeof schema>);
    expect(nested.fieldErrors).toEqual({ "tags.1": ["must not contain control characters"] });
    expect(fn).not.toHaveBeenCalled();
  });

  it("answers an unavailable database with its own message, not the generic one", async () => {
    const fn = vi.fn(async () => {
      throw Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
    });
    const state = await runAction(admin, db, opts, fn, { email: "a@b.co", count: 1 });
    expect(state).toEqual({ ok: false, code: "unavailable", error: ACTION_MESSAGES.unavailable });
  });

  it("refuses a role without access, without running fn", async () => {
    const fn = vi.fn(async () => "ran");
    const state = await runAction(sales, db, opts, fn, form({ email: "a@b.co", count: "1" }));
    expect(state).toEqual({ ok: false, code: "forbidden", error: ACTION_MESSAGES.forbidden });
    expect(fn).not.toHaveBeenCalled();
  });

  it("uses the action's access level (view vs edit)", async () => {
    const viewOpts = { area: "dashboard" as const, access: "view" as const, schema };
    expect(await runAction(sales, db, viewOpts, async () => 1, { email: "a@b.co", count: 1 })).toEqual({ ok: true, data: 1 });
    const editOpts = { area: "dashboard" as const, schema }; // access defaults to "edit"
    expect((await runAction(sales, db, editOpts, async () => 1, { email: "a@b.co", count: 1 })).code).toBe("forbidden");
  });

  it("refuses when not signed in, without running fn", async () => {
    const fn = vi.fn(async () => "ran");
    const state = await runAction(null, db, opts, fn, form({ email: "a@b.co", count: "1" }));
    expect(state).toEqual({ ok: false, code: "unauthenticated", error: ACTION_MESSAGES.unauthenticated });
    expect(fn).not.toHaveBeenCalled();
  });

  it("turns a DomainError into a message at its field", async () => {
    const state = await runAction(admin, db, opts, async () => {
      throw new DomainError("conflict", "already taken", { field: "email", key: "duplicate" });
    }, { email: "a@b.co", count: 1 });
    expect(state).toEqual({ ok: false, code: "duplicate", error: "already taken", fieldErrors: { email: ["already taken"] } });
  });

  it("answers a DomainError with its code as the key by default, and its payload as data", async () => {
    const state = await runAction(admin, db, opts, async (): Promise<{ version: number }> => {
      throw new DomainError("stale", "changed meanwhile", { payload: { version: 2 } });
    }, { email: "a@b.co", count: 1 });
    expect(state).toEqual({ ok: false, code: "stale", error: "changed meanwhile", data: { version: 2 } });
  });

  it("turns a zod error thrown by fn into field errors", async () => {
    const state = await runAction(admin, db, opts, async () => z.object({ name: z.string().min(3) }).parse({ name: "x" }), {
      email: "a@b.co",
      count: 1,
    });
    expect(state.code).toBe("invalid");
    expect(Object.keys(state.fieldErrors ?? {})).toEqual(["name"]);
  });

  it("hides unexpected errors behind a generic message", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await runAction(admin, db, opts, async () => {
      throw new Error("connection refused at 10.0.0.5:5432\n    at secret.ts:1");
    }, { email: "a@b.co", count: 1 });
    expect(state).toEqual({ ok: false, code: "unexpected", error: ACTION_MESSAGES.unexpected });
    expect(JSON.stringify(state)).not.toContain("10.0.0.5");
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("lets Next's redirect/forbidden control flow through", async () => {
    const { redirect } = await import("next/navigation");
    await expect(
      runAction(admin, db, opts, async () => redirect("/elsewhere"), { email: "a@b.co", count: 1 }),
    ).rejects.toThrow();
  });
});
