import { describe, expect, it } from "vitest";
import en from "@/messages/en/roadmap.json";
import es from "@/messages/es/roadmap.json";
import { MAX_INT4 } from "@/lib/limits";
import { LIMITS } from "./constants";
import { addCommentSchema, createCardSchema, moveCardSchema, tooLong } from "./schemas";

describe("roadmap input limits (issue 8 item 7)", () => {
  it("a text over its limit gets a message that states the limit, in every language", () => {
    const r = createCardSchema.safeParse({ columnId: 1, title: "x".repeat(LIMITS.title + 1), team: "marketing" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(tooLong(LIMITS.title));
    for (const limit of [LIMITS.title, LIMITS.description, LIMITS.comment, LIMITS.columnName]) {
      const key = tooLong(limit) as keyof typeof en.validation;
      expect(en.validation[key], key).toMatch(new RegExp(limit.toLocaleString("en-US")));
      expect(es.validation[key as keyof typeof es.validation], key).toBeTruthy();
    }
    expect(addCommentSchema.safeParse({ itemId: 1, body: "y".repeat(LIMITS.comment + 1) }).error?.issues[0]?.message).toBe(tooLong(LIMITS.comment));
  });

  it("ids beyond the int4 range are refused as input, before they reach PostgreSQL", () => {
    expect(moveCardSchema.safeParse({ id: MAX_INT4 + 1, version: 1, toColumnId: 1, toIndex: 0 }).success).toBe(false);
    expect(moveCardSchema.safeParse({ id: 1, version: "99999999999", toColumnId: 1, toIndex: 0 }).success).toBe(false);
    expect(moveCardSchema.safeParse({ id: MAX_INT4, version: 1, toColumnId: 1, toIndex: 0 }).success).toBe(true);
  });
});
