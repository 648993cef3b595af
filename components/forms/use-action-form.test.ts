import { describe, expect, it } from "vitest";
import admin from "@/messages/en/admin.json";
import roadmap from "@/messages/en/roadmap.json";
import { fieldErrorOf, formErrorOf, type Translate } from "./use-action-form";

/** A translator over one English catalogue, like next-intl's for a namespace. */
function translator(catalogue: object): Translate {
  const lookup = (key: string): unknown =>
    key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalogue);
  const t = (key: string) => {
    const v = lookup(key);
    if (typeof v !== "string") throw new Error(`missing message ${key}`);
    return v;
  };
  return Object.assign(t, { has: (key: string) => typeof lookup(key) === "string" });
}
const ta = translator(admin);
const tr = translator(roadmap);
const USER_FIELDS = ["email", "name", "role", "locale", "password"];

describe("action form messages", () => {
  it("say nothing before a submit or after success", () => {
    expect(formErrorOf(ta, {}, USER_FIELDS)).toBeNull();
    expect(formErrorOf(ta, { ok: true, data: 1 }, USER_FIELDS)).toBeNull();
    expect(fieldErrorOf(ta, {}, "email")).toBeNull();
  });

  it("a duplicate e-mail is said once, at the e-mail field", () => {
    const state = {
      ok: false,
      code: "email_taken",
      error: "A user with this e-mail already exists",
      fieldErrors: { email: ["A user with this e-mail already exists"] },
    };
    expect(formErrorOf(ta, state, USER_FIELDS)).toBeNull();
    expect(fieldErrorOf(ta, state, "email")).toBe(admin.errors.email_taken);
    expect(fieldErrorOf(ta, state, "name")).toBeNull();
  });

  it("a refusal at a field the form does not show goes to the status line", () => {
    const state = { ok: false, code: "not_found", error: "This column no longer exists.", fieldErrors: { columnId: ["x"] } };
    expect(formErrorOf(tr, state, ["title"])).toBe(roadmap.errors.not_found);
  });

  it("a validation failure: the summary in the status line, each field's own message at it", () => {
    const state = { ok: false, code: "invalid", error: "Please correct", fieldErrors: { email: ["must be an e-mail address"] } };
    expect(formErrorOf(ta, state, USER_FIELDS)).toBe(admin.errors.invalid);
    expect(fieldErrorOf(ta, state, "email")).toBe(admin.fieldErrors.email);
    const keyName = { ok: false, code: "invalid", fieldErrors: { name: ["is required"] } };
    expect(fieldErrorOf(ta, keyName, "name", "keyName")).toBe(admin.fieldErrors.keyName);
    const card = { ok: false, code: "invalid", fieldErrors: { title: ["required"], kpiTarget: ["invalid_number", "kpi_required_for_target"] } };
    expect(formErrorOf(tr, card, ["title", "kpiTarget"])).toBe(roadmap.errors.invalid);
    expect(fieldErrorOf(tr, card, "title")).toBe(roadmap.validation.required);
    expect(fieldErrorOf(tr, card, "kpiTarget")).toBe(`${roadmap.validation.invalid_number} ${roadmap.validation.kpi_required_for_target}`);
    expect(fieldErrorOf(tr, { ok: false, code: "invalid", fieldErrors: { x: ["as sent"] } }, "x")).toBe("as sent");
  });

  it("other refusals are translated by code, else shown as sent, else the generic message", () => {
    expect(formErrorOf(ta, { ok: false, code: "self_disable", error: "x" })).toBe(admin.errors.self_disable);
    expect(formErrorOf(tr, { ok: false, code: "stale", error: "x" })).toBe(roadmap.errors.stale);
    expect(formErrorOf(tr, { ok: false, code: "something_new", error: "As the server said" })).toBe("As the server said");
    expect(formErrorOf(tr, { ok: false })).toBe(roadmap.errors.unexpected);
  });
});

describe("admin form hints say the limits of lib/limits.ts", () => {
  it("names the name limit, so a 5,000-character name is told why", async () => {
    const { TEXT_LIMITS } = await import("@/lib/limits");
    const es = (await import("@/messages/es/admin.json")).default;
    for (const messages of [admin, es]) {
      expect(messages.fieldErrors.name).toContain(String(TEXT_LIMITS.name));
      expect(messages.fieldErrors.keyName).toContain(String(TEXT_LIMITS.name));
    }
    const state = { ok: false, code: "invalid", fieldErrors: { name: ["Too big: expected string to have <=200 characters"] } };
    expect(fieldErrorOf(ta, state, "name")).toBe(admin.fieldErrors.name);
  });
});
