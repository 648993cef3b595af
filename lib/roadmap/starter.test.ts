import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/messages";
import { STARTER_TEXTS, localiseStarterCard, starterKeyOf, type StarterKey } from "./starter";

describe("starter cards in the reader's language", () => {
  it("recognises an unedited starter card and translates it; an edited one stays as typed", async () => {
    const { roadmap } = (await loadMessages("es")) as { roadmap: { starter: Record<StarterKey, { title: string; description: string }> } };
    const seeded = { id: 1, ...STARTER_TEXTS.sla_sales };
    expect(starterKeyOf(seeded)).toBe("sla_sales");
    const es = localiseStarterCard(seeded, (k) => {
      const [, key, field] = k.split(".") as [string, StarterKey, "title" | "description"];
      return roadmap.starter[key][field];
    });
    expect(es).toMatchObject({ id: 1, title: "Responder a cada MQL en 4 horas laborables" });
    const edited = { ...seeded, title: `${seeded.title}!` };
    expect(starterKeyOf(edited)).toBeNull();
    expect(localiseStarterCard(edited, () => "x")).toBe(edited);
  });

  it("has every starter text in the catalogues, the English one as seeded", async () => {
    const { roadmap } = (await loadMessages("en")) as { roadmap: { starter: Record<string, { title: string; description: string }> } };
    expect(roadmap.starter).toEqual(STARTER_TEXTS);
  });
});
